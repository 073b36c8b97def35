package io.accelmon.node.textfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    static final String FILE = """
            # HELP backup_last_success_timestamp_seconds Last \\"good\\" backup.\\nSecond line.
            # TYPE backup_last_success_timestamp_seconds gauge
            backup_last_success_timestamp_seconds{job="db", path="/var/x \\"y\\""} 1.7e9
            # TYPE jobs_done_total counter
            jobs_done_total{kind="a",} 3
            jobs_seen 4
            # TYPE lat histogram
            lat_bucket{le="0.1"} 2
            lat_bucket{le="1"} 5
            lat_bucket{le="+Inf"} 6
            lat_sum 3.5
            lat_count 6
            # TYPE rpc summary
            rpc{quantile="0.5"} 0.2
            rpc{quantile="0.99"} NaN
            rpc_sum 10
            rpc_count 40
            """;

    @Test
    void parsesFamiliesWithTheirSamples() throws Exception {
        List<TextFormat.Family> families = TextFormat.parse(FILE);
        assertThat(families).extracting(TextFormat.Family::name)
                .containsExactly("backup_last_success_timestamp_seconds", "jobs_done_total", "jobs_seen", "lat", "rpc");
        TextFormat.Family backup = families.get(0);
        assertThat(backup.type()).isEqualTo("gauge");
        assertThat(backup.help()).isEqualTo("Last \"good\" backup.\nSecond line.");
        assertThat(backup.samples().get(0).labelPairs()).containsExactly("job", "db", "path", "/var/x \"y\"");
        assertThat(backup.samples().get(0).value()).isEqualTo(1.7e9);
        assertThat(families.get(2).type()).isEqualTo("untyped");
        assertThat(families.get(3).samples()).hasSize(5);
        assertThat(families.get(4).samples()).hasSize(4);
    }

    @Test
    void snapshotsRenderWithTheirNamesUnchanged() throws Exception {
        List<TextFormat.Family> families = TextFormat.parse(FILE);
        MetricSnapshots snapshots = new MetricSnapshots(families.stream()
                .map(f -> FamilySnapshots.toSnapshot(f, "Metric read from test")).toList());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("# TYPE backup_last_success_timestamp_seconds gauge")
                .contains("backup_last_success_timestamp_seconds{job=\"db\",path=\"/var/x \\\"y\\\"\"} 1.7E9")
                .contains("# TYPE jobs_done_total counter", "jobs_done_total{kind=\"a\"} 3.0")
                .contains("jobs_seen 4.0")
                .contains("lat_bucket{le=\"0.1\"} 2", "lat_bucket{le=\"1.0\"} 5", "lat_bucket{le=\"+Inf\"} 6",
                        "lat_count 6", "lat_sum 3.5")
                .contains("rpc{quantile=\"0.5\"} 0.2", "rpc_count 40", "rpc_sum 10.0")
                .contains("# HELP jobs_seen Metric read from test");
    }

    @Test
    void rejectsWhatNodeExporterRejects() {
        assertThatThrownBy(() -> TextFormat.parse("a 1 1700000000000\n")).hasMessageContaining("timestamps");
        assertThatThrownBy(() -> TextFormat.parse("ok 1\nbad-name 1\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> TextFormat.parse("a{x=\"1\" 2\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> TextFormat.parse("a{x=\"1\",x=\"2\"} 2\n")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> TextFormat.parse("a one\n")).hasMessageContaining("invalid value");
        assertThatThrownBy(() -> TextFormat.parse("# TYPE a gauge\n# TYPE a counter\na 1\n"))
                .hasMessageContaining("second TYPE");
        assertThatThrownBy(() -> TextFormat.parse("# TYPE a bogus\n")).hasMessageContaining("unknown metric type");
    }

    @Test
    void histogramWithoutInfBucketCannotBeServed() throws Exception {
        TextFormat.Family f = TextFormat.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n").get(0);
        assertThatThrownBy(() -> FamilySnapshots.toSnapshot(f, "x")).hasMessageContaining("+Inf");
    }

    @Test
    void specialValues() throws Exception {
        var s = TextFormat.parse("a +Inf\nb -Inf\nc NaN\nd 1e-3\n");
        assertThat(s).extracting(f -> f.samples().get(0).value())
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-3);
    }
}
