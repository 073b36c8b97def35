package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's pressure collector: PSI stall totals from /proc/pressure/{cpu,io,memory,irq} (microseconds in the
 * file, seconds in the metric). A kernel without PSI has no such files: no series, success.
 */
public final class PressureCollector implements SourceCollector {

    private final ProcFiles files;

    public PressureCollector(ProcFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "pressure";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<MetricSnapshot> out = new ArrayList<>();
        Optional<String> cpu = read("cpu");
        if (cpu.isPresent()) {
            out.add(Families.counter("node_pressure_cpu_waiting_seconds_total",
                    "Total time in seconds that processes have waited for CPU time",
                    total(cpu.get(), "some", "cpu")));
        }
        Optional<String> io = read("io");
        if (io.isPresent()) {
            out.add(Families.counter("node_pressure_io_waiting_seconds_total",
                    "Total time in seconds that processes have waited due to IO congestion",
                    total(io.get(), "some", "io")));
            out.add(Families.counter("node_pressure_io_stalled_seconds_total",
                    "Total time in seconds no process could make progress due to IO congestion",
                    total(io.get(), "full", "io")));
        }
        Optional<String> memory = read("memory");
        if (memory.isPresent()) {
            out.add(Families.counter("node_pressure_memory_waiting_seconds_total",
                    "Total time in seconds that processes have waited for memory",
                    total(memory.get(), "some", "memory")));
            out.add(Families.counter("node_pressure_memory_stalled_seconds_total",
                    "Total time in seconds no process could make progress due to memory congestion",
                    total(memory.get(), "full", "memory")));
        }
        Optional<String> irq = read("irq");
        if (irq.isPresent()) {
            out.add(Families.counter("node_pressure_irq_stalled_seconds_total",
                    "Total time in seconds no process could make progress due to IRQ congestion",
                    total(irq.get(), "full", "irq")));
        }
        return out;
    }

    private Optional<String> read(String resource) throws IOException {
        return SourceFile.readIfPresent(files.proc("pressure/" + resource));
    }

    /** The {@code total=} of the {@code some} or {@code full} line, in seconds. */
    private double total(String text, String kind, String resource) throws IOException {
        for (String line : text.split("\n")) {
            if (line.startsWith(kind + " ")) {
                int at = line.indexOf("total=");
                if (at < 0) {
                    break;
                }
                try {
                    return Long.parseLong(line.substring(at + 6).trim()) / 1e6;
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IOException(files.proc("pressure/" + resource) + ": no valid '" + kind + " ... total=' line");
    }
}
