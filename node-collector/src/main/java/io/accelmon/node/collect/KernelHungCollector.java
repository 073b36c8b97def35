package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** node_exporter's kernel_hung collector: tasks the hung-task detector has reported since boot. */
public final class KernelHungCollector implements SourceCollector {

    private final Path file;

    public KernelHungCollector(ProcFiles files) {
        this.file = files.proc("sys/kernel/hung_task_detect_count");
    }

    @Override
    public String name() {
        return "kernel_hung";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of(); // kernels before 6.15 or without CONFIG_DETECT_HUNG_TASK
        }
        return List.of(Families.counter("node_kernel_hung_tasks_total",
                "Total number of tasks that have been detected as hung since the system booted.",
                SourceFile.number(file, text.get())));
    }
}
