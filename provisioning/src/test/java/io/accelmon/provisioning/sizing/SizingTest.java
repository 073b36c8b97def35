package io.accelmon.provisioning.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The arithmetic of the estimate; KitPrometheusIT compares it with a real Prometheus' head series. */
class SizingTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void seriesAddUpPerExporterAndDevice() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), """
                intervals: {scrape: 10s, evaluation: 20s}
                servers:
                  - {name: hub, address: 10.0.0.1, exporters: {node: {}}}
                  - {name: "trs-[1:2]", role: training, address: "10.0.1.[1:2]", exporters: {node: {}, gpu: {}}}
                """);
        SizingEstimate e = Sizing.estimate(spec, new Hardware(4, 2, 0));
        long node = 3L * (SeriesCounts.NODE_BASE + 4 * SeriesCounts.NODE_PER_CPU);
        long gpu = 2L * (SeriesCounts.GPU_BASE + 2 * SeriesCounts.GPU_PER_GPU);
        long recorded = 3L * SeriesCounts.RECORDED_PER_NODE + 2L * 2 * SeriesCounts.RECORDED_PER_GPU;
        assertThat(e.targets()).isEqualTo(7);
        assertThat(e.seriesBySource()).containsEntry("node-collector", node).containsEntry("gpu-exporter", gpu)
                .containsEntry("npu-exporter", 0L).containsEntry("per-target (up, scrape_*)", 35L)
                .containsEntry("recording rules", recorded);
        long scraped = e.series() - recorded;
        assertThat(e.samplesPerSecond()).isCloseTo(scraped / 10.0 + recorded / 20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.bytesPerDay()).isEqualTo(Math.round(e.samplesPerSecond() * 86_400 * 2));
        assertThat(e.recommendedShards()).isEqualTo(1);
    }

    @Test
    void theThousandServerExampleCallsForASecondShard() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.load(REPO.resolve("examples/fleet-cluster.yaml"));
        SizingEstimate e = Sizing.estimate(spec, new Hardware(64, 8, 8));
        assertThat(e.series()).isGreaterThan(SeriesCounts.SERIES_PER_PROMETHEUS);
        assertThat(e.recommendedShards()).isEqualTo((int) ((e.series() + 999_999) / 1_000_000));
        String text = SizingText.render(e, new Hardware(64, 8, 8), 1);
        assertThat(text).contains("1,000 servers", "2,001 targets", "active series:", "samples/s:", "disk per day:",
                "scale_out.shards:  recommend " + e.recommendedShards() + " (now 1)");
        assertThat(SizingText.render(e, new Hardware(64, 8, 8), e.recommendedShards())).contains("is enough");
    }
}
