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
 * node_exporter's schedstat collector: per CPU, nanoseconds running and waiting on the run queue and timeslices
 * run, the last three fields of the {@code cpuN} lines of /proc/schedstat.
 */
public final class SchedstatCollector implements SourceCollector {

    private final Path file;

    public SchedstatCollector(ProcFiles files) {
        this.file = files.proc("schedstat");
    }

    @Override
    public String name() {
        return "schedstat";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        Families.Counter running = Families.counter("node_schedstat_running_seconds_total",
                "Number of seconds CPU spent running a process.");
        Families.Counter waiting = Families.counter("node_schedstat_waiting_seconds_total",
                "Number of seconds spent by processing waiting for this CPU.");
        Families.Counter timeslices = Families.counter("node_schedstat_timeslices_total",
                "Number of timeslices executed by CPU.");
        int lineNo = 0;
        for (String line : text.get().split("\n")) {
            lineNo++;
            if (!line.startsWith("cpu")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                throw new IOException(file + ":" + lineNo + ": " + f.length + " fields, want 10");
            }
            String cpu = f[0].substring(3);
            try {
                running.add(Long.parseLong(f[7]) / 1e9, "cpu", cpu);
                waiting.add(Long.parseLong(f[8]) / 1e9, "cpu", cpu);
                timeslices.add(Long.parseLong(f[9]), "cpu", cpu);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": not a number in " + f[0]);
            }
        }
        return List.of(running.build(), timeslices.build(), waiting.build());
    }
}
