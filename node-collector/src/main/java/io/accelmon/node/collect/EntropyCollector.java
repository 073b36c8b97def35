package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** node_exporter's entropy collector: the kernel's random pool from /proc/sys/kernel/random. */
public final class EntropyCollector implements SourceCollector {

    private final Path available;
    private final Path poolSize;

    public EntropyCollector(ProcFiles files) {
        this.available = files.proc("sys/kernel/random/entropy_avail");
        this.poolSize = files.proc("sys/kernel/random/poolsize");
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        return List.of(
                Families.gauge("node_entropy_available_bits", "Bits of available entropy.",
                        SourceFile.number(available, ProcFiles.read(available))),
                Families.gauge("node_entropy_pool_size_bits", "Bits of entropy pool.",
                        SourceFile.number(poolSize, ProcFiles.read(poolSize))));
    }
}
