package io.accelmon.npu.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.process.ProcessRunner;
import io.accelmon.npu.collect.AccelmonNaming;
import io.accelmon.npu.collect.Families;
import io.accelmon.npu.collect.HuaweiNaming;
import io.accelmon.npu.collect.Naming;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.collect.FakeNpuSmi;
import io.accelmon.npu.collect.SnapshotLoop;
import io.accelmon.npu.model.NpuSnapshot;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake hccn_tool (src/test/fake/hccn/hccn_tool) behind the background loop, healthy and failing. */
class NetworkMonitorTest {

    static final Path SCRIPT = Path.of("src/test/fake/hccn/hccn_tool").toAbsolutePath();

    static NetworkMonitor monitor(Path tool, String mode) {
        return new NetworkMonitor(new HccnTool(tool, Duration.ofSeconds(2),
                new ProcessRunner(ProcessRunner.DEFAULT_MAX_OUTPUT_BYTES, Map.of("FAKE_HCCN_MODE", mode))));
    }

    static String scrape(Naming naming, SnapshotLoop loop) throws Exception {
        Families f = new Families();
        naming.render(loop.latest(), Map.of(), loop.network().latest(), f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, new MetricSnapshots(f.build()));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SnapshotLoop loop(NetworkMonitor network) {
        SnapshotLoop loop = new SnapshotLoop(new NpuSmiBackend(FakeNpuSmi.of("ok", null)), Duration.ofHours(1), network);
        loop.cycle();
        loop.cycle();
        return loop;
    }

    @Test
    void one_chip_per_cycle_in_both_namings() throws Exception {
        SnapshotLoop loop = loop(monitor(SCRIPT, "ok"));
        assertThat(loop.network().latest()).as("two cycles, two chips").hasSize(2);
        String t = scrape(new AccelmonNaming(), loop);
        assertThat(t).contains("npu_network_link_up{chip=\"0\",id=\"0\"} 1.0")
                .contains("npu_network_link_ups_total{chip=\"0\",id=\"0\"} 2.0")
                .contains("npu_optical_present{chip=\"0\",id=\"0\"} 0.0")
                .contains("npu_optical_tx_power_watts{chip=\"0\",id=\"0\"} 0.0044035")
                .contains("npu_network_bytes_total{chip=\"0\",direction=\"rx\",id=\"0\"} 4.82237805E8")
                .contains("npu_network_roce_qp_status_errors_total{chip=\"0\",id=\"1\"} 0.0")
                .doesNotContain("npu_network_link_up{chip=\"0\",id=\"2\"}");
        String h = scrape(new HuaweiNaming("0.1.0"), loop);
        assertThat(h).contains("npu_chip_info_link_status{container_name=\"\",id=\"0\",")
                .contains("npu_chip_link_up_num{container_name=\"\",id=\"1\",")
                .contains("npu_chip_optical_tx_power_0{container_name=\"\",id=\"0\",")
                .contains("npu_chip_roce_qp_status_err_num{container_name=\"\",id=\"0\",")
                .contains("npu_chip_info_network_status{container_name=\"\",id=\"0\",");
        assertThat(loop.network().failures()).isEmpty();
    }

    @Test
    void hang_garbage_exit_and_missing_binary_leave_chip_metrics_and_say_why() throws Exception {
        Map<String, NetworkMonitor> cases = Map.of("timeout", monitor(SCRIPT, "hang"),
                "garbage", monitor(SCRIPT, "garbage"), "exit", monitor(SCRIPT, "fail"),
                "missing", monitor(Path.of("/nonexistent/hccn_tool"), "ok"));
        for (Map.Entry<String, NetworkMonitor> c : cases.entrySet()) {
            Instant start = Instant.now();
            SnapshotLoop loop = loop(c.getValue());
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
            NpuSnapshot s = loop.latest();
            assertThat(s.backendUp()).isTrue();
            String t = scrape(new AccelmonNaming(), loop);
            assertThat(t).as(c.getKey()).contains("npu_power_watts{chip=\"0\",id=\"0\"}")
                    .doesNotContain("npu_network_link_up").doesNotContain("npu_optical_");
            assertThat(loop.network().failures()).as(c.getKey()).containsEntry(c.getKey(), 2L);
            assertThat(loop.network().latest().values()).allSatisfy(n -> assertThat(n.failure()).isEqualTo(c.getKey()));
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(cmd -> cmd.contains("hccn_tool")))
                .isEmpty();
    }
}
