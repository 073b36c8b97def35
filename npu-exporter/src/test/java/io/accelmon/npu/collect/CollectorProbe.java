package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttributor;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A scrape of {@link NpuCollector} (default naming, self metrics included) as exposition text. */
final class CollectorProbe {

    private CollectorProbe() {
    }

    static String text(SnapshotLoop loop) throws IOException {
        NpuCollector collector = new NpuCollector(loop, new AccelmonNaming(),
                new ProcessAttributor(Path.of("/nonexistent-proc"), Path.of("/nonexistent-passwd")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, new MetricSnapshots(collector.collect()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
