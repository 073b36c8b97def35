package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.ProcStat;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** node_exporter's stat collector: boot time, context switches, forks, interrupts, running/blocked processes. */
public final class StatCollector implements SourceCollector {

    private final ProcFiles files;
    private final boolean softirqs;

    public StatCollector(ProcFiles files) {
        this(files, false);
    }

    /** @param softirqs node_exporter's {@code --collector.stat.softirq}: calls per softirq vector */
    public StatCollector(ProcFiles files, boolean softirqs) {
        this.files = files;
        this.softirqs = softirqs;
    }

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        ProcStat s = ProcStat.parse(ProcFiles.read(files.proc("stat")));
        List<MetricSnapshot> out = new ArrayList<>(List.of(
                Families.gauge("node_boot_time_seconds", "Node boot time, in unixtime.", s.bootTime()),
                Families.counter("node_context_switches_total", "Total number of context switches.")
                        .add(s.contextSwitches()).build(),
                Families.counter("node_forks_total", "Total number of forks.").add(s.forks()).build(),
                Families.counter("node_intr_total", "Total number of interrupts serviced.").add(s.interrupts())
                        .build(),
                Families.gauge("node_procs_running", "Number of processes in runnable state.", s.procsRunning()),
                Families.gauge("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.",
                        s.procsBlocked())));
        if (softirqs && !s.softirqs().isEmpty()) {
            Families.Counter vectors = Families.counter("node_softirqs_total", "Number of softirq calls.");
            for (int i = 0; i < s.softirqs().size() && i < ProcStat.SOFTIRQ_VECTORS.size(); i++) {
                vectors.add(s.softirqs().get(i), "vector", ProcStat.SOFTIRQ_VECTORS.get(i));
            }
            out.add(vectors.build());
        }
        return out;
    }
}
