package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.MemInfo;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** node_exporter's meminfo collector: every /proc/meminfo line as {@code node_memory_<Name>[_bytes]}. */
public final class MeminfoCollector implements SourceCollector {

    private final ProcFiles files;

    public MeminfoCollector(ProcFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "meminfo";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        List<MetricSnapshot> families = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MemInfo.Entry e : MemInfo.parse(ProcFiles.read(files.proc("meminfo")))) {
            if (seen.add(e.metricName())) {
                families.add(Families.gauge(e.metricName(),
                        "Memory information field " + e.name() + (e.bytes() ? "_bytes" : "") + ".", e.value()));
            }
        }
        return families;
    }
}
