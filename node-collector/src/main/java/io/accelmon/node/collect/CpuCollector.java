package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.ProcStat;
import io.accelmon.node.source.ProcStat.CpuTimes;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** node_exporter's cpu collector: {@code node_cpu_seconds_total{cpu,mode}} from /proc/stat. */
public final class CpuCollector implements SourceCollector {

    private final ProcFiles files;

    public CpuCollector(ProcFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        return families(ProcStat.parse(ProcFiles.read(files.proc("stat"))));
    }

    static List<MetricSnapshot> families(ProcStat stat) {
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
        return List.of(seconds.build(), guest.build());
    }
}
