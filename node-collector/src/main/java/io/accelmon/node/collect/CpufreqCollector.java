package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.accelmon.node.source.SysfsDirs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's cpufreq collector: hardware and scaling-driver frequencies per CPU from
 * /sys/devices/system/cpu/cpuN/cpufreq (kHz in sysfs, hertz in the metric). cpuinfo_cur_freq is readable by root
 * only on many kernels: a file that is not there is left out.
 */
public final class CpufreqCollector implements SourceCollector {

    /** sysfs file to family, in node_exporter's order. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("cpuinfo_cur_freq", "node_cpu_frequency_hertz");
        FILES.put("cpuinfo_max_freq", "node_cpu_frequency_max_hertz");
        FILES.put("cpuinfo_min_freq", "node_cpu_frequency_min_hertz");
        FILES.put("scaling_cur_freq", "node_cpu_scaling_frequency_hertz");
        FILES.put("scaling_max_freq", "node_cpu_scaling_frequency_max_hertz");
        FILES.put("scaling_min_freq", "node_cpu_scaling_frequency_min_hertz");
    }

    private final Path cpus;

    public CpufreqCollector(ProcFiles files) {
        this.cpus = files.sys().resolve("devices/system/cpu");
    }

    @Override
    public String name() {
        return "cpufreq";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Map<String, Families.Gauge> families = new LinkedHashMap<>();
        for (Path cpu : SysfsDirs.numbered(cpus, "cpu")) {
            String label = SysfsDirs.suffix(cpu, "cpu");
            Path cpufreq = cpu.resolve("cpufreq");
            if (!cpufreq.toFile().isDirectory()) {
                continue; // no frequency driver (as node_exporter does, one stat instead of six failed opens)
            }
            for (Map.Entry<String, String> e : FILES.entrySet()) {
                Double khz = SysValue.number(cpufreq.resolve(e.getKey()));
                if (khz != null) {
                    families.computeIfAbsent(e.getValue(), n -> Families.gauge(n, help(n)))
                            .add(khz * 1000.0, "cpu", label);
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(g -> out.add(g.build()));
        return out;
    }

    private static String help(String family) {
        String what = family.contains("scaling") ? "Current scaled CPU thread frequency" : "Current CPU thread "
                + "frequency";
        if (family.contains("_max_")) {
            what = family.contains("scaling") ? "Maximum scaled CPU thread frequency" : "Maximum CPU thread "
                    + "frequency";
        } else if (family.contains("_min_")) {
            what = family.contains("scaling") ? "Minimum scaled CPU thread frequency" : "Minimum CPU thread "
                    + "frequency";
        }
        return what + " in hertz.";
    }
}
