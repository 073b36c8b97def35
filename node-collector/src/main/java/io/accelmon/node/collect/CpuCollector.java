package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.CpuInfo;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.ProcStat;
import io.accelmon.node.source.ProcStat.CpuTimes;
import io.accelmon.node.source.SysValue;
import io.accelmon.node.source.SysfsDirs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * node_exporter's cpu collector: {@code node_cpu_seconds_total{cpu,mode}} and guest seconds from /proc/stat, core and
 * package thermal throttles from sysfs, and with {@code --collector.cpu.info} {@code node_cpu_info} from
 * /proc/cpuinfo (plus flag and bug info when their include regexes are given).
 */
public final class CpuCollector implements SourceCollector {

    /** The cpu collector's own switches (node_exporter's {@code --collector.cpu.*}). */
    public record Settings(boolean guest, boolean info, Pattern flagsInclude, Pattern bugsInclude) {
        public static final Settings DEFAULTS = new Settings(true, false, null, null);
    }

    private final ProcFiles files;
    private final Settings settings;

    public CpuCollector(ProcFiles files) {
        this(files, Settings.DEFAULTS);
    }

    public CpuCollector(ProcFiles files, Settings settings) {
        this.files = files;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        List<MetricSnapshot> out = new ArrayList<>();
        if (settings.info()) {
            out.addAll(info(CpuInfo.parse(ProcFiles.read(files.proc("cpuinfo")))));
        }
        out.addAll(throttles(files.sys().resolve("devices/system/cpu")));
        out.addAll(families(ProcStat.parse(ProcFiles.read(files.proc("stat"))), settings.guest()));
        return out;
    }

    static List<MetricSnapshot> families(ProcStat stat) {
        return families(stat, true);
    }

    static List<MetricSnapshot> families(ProcStat stat, boolean withGuest) {
        Families.Counter seconds = Families.counter("node_cpu_seconds_total",
                "Seconds the CPUs spent in each mode.");
        Families.Counter guest = Families.counter("node_cpu_guest_seconds_total",
                "Seconds the CPUs spent in guests (VMs) for each mode.");
        double hz = ProcStat.TICKS_PER_SECOND;
        for (CpuTimes c : stat.cpus()) {
            String cpu = c.cpu();
            seconds.add(c.idle() / hz, "cpu", cpu, "mode", "idle")
                    .add(c.iowait() / hz, "cpu", cpu, "mode", "iowait")
                    .add(c.irq() / hz, "cpu", cpu, "mode", "irq")
                    .add(c.nice() / hz, "cpu", cpu, "mode", "nice")
                    .add(c.softirq() / hz, "cpu", cpu, "mode", "softirq")
                    .add(c.steal() / hz, "cpu", cpu, "mode", "steal")
                    .add(c.system() / hz, "cpu", cpu, "mode", "system")
                    .add(c.user() / hz, "cpu", cpu, "mode", "user");
            guest.add(c.guestNice() / hz, "cpu", cpu, "mode", "nice")
                    .add(c.guest() / hz, "cpu", cpu, "mode", "user");
        }
        return withGuest ? List.of(seconds.build(), guest.build()) : List.of(seconds.build());
    }

    private List<MetricSnapshot> info(List<Map<String, String>> cpus) {
        Families.Gauge info = Families.gauge("node_cpu_info", "CPU information from /proc/cpuinfo.");
        Families.Gauge flags = Families.gauge("node_cpu_flag_info",
                "The `flags` field of CPU information from /proc/cpuinfo taken from the first core.");
        Families.Gauge bugs = Families.gauge("node_cpu_bug_info",
                "The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.");
        for (Map<String, String> c : cpus) {
            info.add(1, "package", c.getOrDefault("physical id", ""), "core", c.getOrDefault("core id", ""),
                    "cpu", c.getOrDefault("processor", ""), "vendor", c.getOrDefault("vendor_id", ""),
                    "family", c.getOrDefault("cpu family", ""), "model", c.getOrDefault("model", ""),
                    "model_name", c.getOrDefault("model name", ""), "microcode", c.getOrDefault("microcode", ""),
                    "stepping", c.getOrDefault("stepping", ""), "cachesize", c.getOrDefault("cache size", ""));
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(info.build()));
        if (!cpus.isEmpty() && settings.flagsInclude() != null) {
            words(cpus.get(0).get("flags"), settings.flagsInclude()).forEach(f -> flags.add(1, "flag", f));
            out.add(flags.build());
        }
        if (!cpus.isEmpty() && settings.bugsInclude() != null) {
            words(cpus.get(0).get("bugs"), settings.bugsInclude()).forEach(b -> bugs.add(1, "bug", b));
            out.add(bugs.build());
        }
        return out;
    }

    private static TreeSet<String> words(String field, Pattern include) {
        TreeSet<String> out = new TreeSet<>();
        if (field != null) {
            for (String w : field.trim().split("\\s+")) {
                if (!w.isEmpty() && include.matcher(w).find()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** Throttle counts are per core and per package; every logical CPU of one core repeats the same count. */
    private static List<MetricSnapshot> throttles(Path cpuDir) throws IOException {
        Map<String, Double> packages = new TreeMap<>();
        Map<List<String>, Double> cores = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        for (Path cpu : SysfsDirs.numbered(cpuDir, "cpu")) {
            String pkg = SysValue.text(cpu.resolve("topology/physical_package_id"));
            String core = SysValue.text(cpu.resolve("topology/core_id"));
            if (pkg == null || core == null) {
                continue;
            }
            Double coreCount = SysValue.number(cpu.resolve("thermal_throttle/core_throttle_count"));
            if (coreCount != null) {
                cores.putIfAbsent(List.of(pkg, core), coreCount);
            }
            Double pkgCount = SysValue.number(cpu.resolve("thermal_throttle/package_throttle_count"));
            if (pkgCount != null) {
                packages.putIfAbsent(pkg, pkgCount);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        if (!cores.isEmpty()) {
            Families.Counter c = Families.counter("node_cpu_core_throttles_total",
                    "Number of times this CPU core has been throttled.");
            cores.forEach((k, v) -> c.add(v, "package", k.get(0), "core", k.get(1)));
            out.add(c.build());
        }
        if (!packages.isEmpty()) {
            Families.Counter p = Families.counter("node_cpu_package_throttles_total",
                    "Number of times this CPU package has been throttled.");
            packages.forEach((k, v) -> p.add(v, "package", k));
            out.add(p.build());
        }
        return out;
    }
}
