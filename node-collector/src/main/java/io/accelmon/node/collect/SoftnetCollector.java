package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's softnet collector: per-CPU packets processed, dropped (backlog full) and times squeezed (budget
 * ran out) from /proc/net/softnet_stat, whose columns are hexadecimal and whose line number is the CPU.
 */
public final class SoftnetCollector implements SourceCollector {

    private final Path file;

    public SoftnetCollector(ProcFiles files) {
        this.file = files.proc("net/softnet_stat");
    }

    @Override
    public String name() {
        return "softnet";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        Families.Counter processed = Families.counter("node_softnet_processed_total",
                "Number of processed packets");
        Families.Counter dropped = Families.counter("node_softnet_dropped_total", "Number of dropped packets");
        Families.Counter squeezed = Families.counter("node_softnet_times_squeezed_total",
                "Number of times processing packets ran out of quota");
        int cpu = 0;
        int lineNo = 0;
        for (String line : text.get().split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                throw new IOException(file + ":" + lineNo + ": " + f.length + " columns, want at least 3");
            }
            String label = Integer.toString(cpu++);
            processed.add(hex(f[0], lineNo), "cpu", label);
            dropped.add(hex(f[1], lineNo), "cpu", label);
            squeezed.add(hex(f[2], lineNo), "cpu", label);
        }
        return List.of(dropped.build(), processed.build(), squeezed.build());
    }

    private double hex(String s, int lineNo) throws IOException {
        try {
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": not a hexadecimal counter: '" + s + "'");
        }
    }
}
