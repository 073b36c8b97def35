package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** node_exporter's conntrack collector (table size and limit); no series when nf_conntrack is not loaded. */
public final class ConntrackCollector implements SourceCollector {

    private final Path count;
    private final Path max;

    public ConntrackCollector(ProcFiles files) {
        this.count = files.proc("sys/net/netfilter/nf_conntrack_count");
        this.max = files.proc("sys/net/netfilter/nf_conntrack_max");
    }

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> c = SourceFile.readIfPresent(count);
        Optional<String> m = SourceFile.readIfPresent(max);
        if (c.isEmpty() || m.isEmpty()) {
            return List.of();
        }
        return List.of(
                Families.gauge("node_nf_conntrack_entries",
                        "Number of currently allocated flow entries for connection tracking.",
                        SourceFile.number(count, c.get())),
                Families.gauge("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.",
                        SourceFile.number(max, m.get())));
    }
}
