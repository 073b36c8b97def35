package io.accelmon.gpu.smi;

import static io.accelmon.gpu.testing.ExporterProcess.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.ExporterProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter jar against the fake nvidia-smi switched between its fault modes mid-run through a mode file. */
class NvidiaSmiFaultIT {

    private static final String SUCCESS = "gpu_exporter_collector_success{collector=\"nvidia-smi\"}";
    private static final String PARSE_ERRORS = "gpu_exporter_parse_errors_total";

    /** Generous: the fake is bash + awk, and CI runs eight builds on two cores. */
    private static final long TIMEOUT_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void faultsNeverHoldAScrapePastTheTimeoutLeaveNoProcessesAndCountParseErrors() throws Exception {
        Path mode = dir.resolve("mode");
        Files.writeString(mode, "idle\n");
        Path hangLog = dir.resolve("hung-runs");
        try (ExporterProcess exporter = ExporterProcess.start(dir.resolve("exporter.log"),
                Map.of("FAKE_NVIDIA_SMI_MODE_FILE", mode.toString(), "FAKE_GPU_COUNT", "2",
                        "FAKE_NVIDIA_SMI_HANG_LOG", hangLog.toString()),
                "--backend=nvidia-smi", "--nvidia-smi.path=" + Captures.FAKE_NVIDIA_SMI, "--collector.timeout=" + TIMEOUT_MS + "ms",
                // 50 concurrent scrapes on purpose: no 503 shedding here
                "--web.max-requests=0",
                // the children counted below are nvidia-smi runs only (the job scan runs getent for users)
                "--no-jobs.enabled")) {
            String ok = exporter.scrape();
            assertThat(value(ok, SUCCESS)).as(exporter.log()).isEqualTo(1);
            assertThat(value(ok, "gpu_exporter_backend_up{backend=\"nvidia-smi\"}")).isEqualTo(1);
            assertThat(ok).contains("gpu_temperature_celsius{gpu=\"1\",name=\"NVIDIA H100 80GB HBM3\","
                    + "uuid=\"GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b01\"} 41.0");

            double errors = value(ok, PARSE_ERRORS);
            for (String bad : List.of("garbage", "empty", "truncated")) {
                Files.writeString(mode, bad + "\n");
                String m = exporter.scrape();
                assertThat(value(m, SUCCESS)).as(bad).isZero();
                assertThat(value(m, PARSE_ERRORS)).as(bad).isEqualTo(errors + 1);
                assertThat(m).as(bad).doesNotContain("gpu_utilization{");
                errors++;
            }
            Files.writeString(mode, "fail\n");
            String failed = exporter.scrape();
            assertThat(value(failed, SUCCESS)).isZero();
            assertThat(value(failed, PARSE_ERRORS)).as("a failing run is not a parse error").isEqualTo(errors);

            Files.writeString(mode, "hang\n");
            ProcessHandle jvm = exporter.handle();
            HttpClient http = HttpClient.newBuilder().build();
            List<CompletableFuture<Long>> scrapes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                scrapes.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + exporter.target() + "/metrics"))
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> {
                            assertThat(value(r.body(), SUCCESS)).isZero();
                            return (System.nanoTime() - start) / 1_000_000;
                        }));
            }
            List<Long> millis = new ArrayList<>();
            for (CompletableFuture<Long> s : scrapes) {
                millis.add(s.get());
            }
            millis.sort(Long::compare);
            // a second wave while the first hung run is being killed: still at most one nvidia-smi at a time
            String again = exporter.scrape();
            assertThat(value(again, SUCCESS)).isZero();
            Thread.sleep(TIMEOUT_MS);
            // client-side times include connection setup on a loaded CI machine: the median shows the bound, the
            // slowest only that nothing waits for a second hung run
            assertThat(millis.get(25)).as("median of 50 concurrent scrapes, ms " + millis).isLessThan(TIMEOUT_MS + 1500);
            assertThat(millis.get(49)).as("slowest of 50 concurrent scrapes, ms " + millis).isLessThan(3 * TIMEOUT_MS);
            List<String> hungRuns = Files.readAllLines(hangLog);
            assertThat(hungRuns).as("hung nvidia-smi runs: each found no other still running").isNotEmpty()
                    .containsOnly("alone");
            assertThat(jvm.descendants().count()).as("children (zombies included) after the timeout").isZero();

            Files.writeString(mode, "loaded\n");
            String recovered = exporter.scrape();
            assertThat(value(recovered, SUCCESS)).isEqualTo(1);
            assertThat(recovered).contains("gpu_utilization{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\","
                    + "uuid=\"GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03\"} 100.0");
            assertThat(recovered).contains("gpu_process_memory_used_bytes{gpu=\"0\",pid=\"536\","
                    + "uuid=\"GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03\"} 1.050673152E9");
        }
    }

    @Test
    void nvidiaSmiDeadAtStartOrLaterIsPickedUpAgainWithoutRestart() throws Exception {
        Path mode = dir.resolve("mode");
        Files.writeString(mode, "dead\n");
        try (ExporterProcess exporter = ExporterProcess.start(dir.resolve("dead.log"),
                Map.of("FAKE_NVIDIA_SMI_MODE_FILE", mode.toString()), "--backend=auto",
                "--nvml.library=/nonexistent/libnvidia-ml.so.1", "--nvidia-smi.path=" + Captures.FAKE_NVIDIA_SMI,
                "--collector.timeout=" + TIMEOUT_MS + "ms")) {
            assertThat(value(exporter.scrape(), "gpu_exporter_backend_up{backend=\"none\"}")).isZero();
            Files.writeString(mode, "loaded\n");
            String up = awaitScrape(exporter, "gpu_exporter_backend_up{backend=\"nvidia-smi\"} 1");
            assertThat(value(up, "gpu_exporter_backend_transitions_total{from=\"none\",to=\"nvidia-smi\"}"))
                    .isEqualTo(1);
            assertThat(awaitScrape(exporter, "gpu_utilization{")).contains(SUCCESS + " 1.0");

            // the driver goes away: three failed reads, a re-probe that fails too, then none
            Files.writeString(mode, "dead\n");
            String down = awaitScrape(exporter, "gpu_exporter_backend_up{backend=\"none\"} 0");
            assertThat(value(down, "gpu_exporter_backend_transitions_total{from=\"nvidia-smi\",to=\"none\"}"))
                    .isEqualTo(1);
            Files.writeString(mode, "loaded\n");
            String back = awaitScrape(exporter, "gpu_utilization{");
            assertThat(value(back, "gpu_exporter_backend_transitions_total{from=\"none\",to=\"nvidia-smi\"}"))
                    .isEqualTo(2);
        }
    }

    private static String awaitScrape(ExporterProcess exporter, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String m = exporter.scrape();
        while (!m.contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            m = exporter.scrape();
        }
        assertThat(m).as(exporter.log()).contains(line);
        return m;
    }

    @Test
    void withoutAnyBackendOnlySelfMetricsAreServed() throws Exception {
        try (ExporterProcess exporter = ExporterProcess.start(dir.resolve("none.log"), Map.of(),
                "--backend=auto", "--nvml.library=/nonexistent/libnvidia-ml.so.1",
                "--nvidia-smi.path=/nonexistent/nvidia-smi")) {
            String m = exporter.scrape();
            assertThat(value(m, "gpu_exporter_backend_up{backend=\"none\"}")).isZero();
            assertThat(m).doesNotContain("gpu_utilization");
            assertThat(exporter.log()).contains("no GPU backend");
        }
    }
}
