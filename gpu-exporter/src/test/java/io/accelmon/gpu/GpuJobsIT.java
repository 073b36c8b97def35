package io.accelmon.gpu;

import static io.accelmon.gpu.testing.ExporterProcess.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.ExporterProcess;
import io.accelmon.jobs.TestJobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU-only host reports its AI jobs: a real Python "training script" that the fake libnvidia-ml lists as a compute
 * process on GPU 1, found by the gpu-exporter's job monitor and scraped by a real Prometheus with its GPU memory. A
 * second exporter on the same host (no GPU backend at all) stands by on the host's job lock and takes the jobs over
 * when the first one stops, so a job is reported once.
 */
class GpuJobsIT {

    private static final long GPU_BYTES = 3L << 30;
    private static final Duration MAX = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void gpuOnlyHostReportsItsJobsWithGpuMemoryAndOneExporterPerHostReportsThem() throws Exception {
        Process job = TestJobs.startTrainPy(dir.resolve("job"));
        try {
            reportedOnceWithGpuMemory(job);
        } finally {
            TestJobs.stop(List.of(job));
        }
    }

    private void reportedOnceWithGpuMemory(Process job) throws Exception {
        Path control = dir.resolve("nvml-control");
        Files.writeString(control, "process=1:" + job.pid() + ":" + GPU_BYTES + "\n");
        Path lock = dir.resolve("jobs.lock");
        ExporterProcess gpu = ExporterProcess.start(dir.resolve("gpu.log"),
                Map.of("FAKE_NVML_CONTROL", control.toString(), "FAKE_NVML_GPU_COUNT", "2"), "--backend=nvml",
                "--nvml.library=" + Captures.FAKE_NVML, "--jobs.interval=1s", "--jobs.details",
                "--jobs.lock-file=" + lock);
        try (RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                     global:
                       scrape_interval: 1s
                       scrape_timeout: 1s
                     scrape_configs:
                       - job_name: gpu
                         static_configs: [{targets: ['%s']}]
                     """.formatted(gpu.target()))) {
            JsonNode info = prom.awaitQuery("accelmon_job_info{job_name=\"train.py\",framework=\"torch\","
                    + "type=\"training\",pid=\"" + job.pid() + "\"}", r -> r.size() == 1, MAX);
            String jobId = info.get(0).path("metric").path("job_id").asText();
            prom.awaitQuery("accelmon_job_device_memory_bytes{job_id=\"" + jobId + "\",device=\"gpu1\"} == "
                    + GPU_BYTES, r -> r.size() == 1, MAX);
            prom.awaitQuery("accelmon_job_devices{job_id=\"" + jobId + "\",device=\"gpu1\"} == 1",
                    r -> r.size() == 1, MAX);
            prom.awaitQuery("accelmon_job_resident_memory_bytes{job_id=\"" + jobId + "\"} > 60e6",
                    r -> r.size() == 1, MAX);
            prom.awaitQuery("accelmon_job_monitor_active == 1 and on () gpu_exporter_backend_up{backend=\"nvml\"} == 1",
                    r -> r.size() == 1, MAX);

            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + gpu.target() + "/api/v1/jobs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("train.py", "gpu1", "--token ***").doesNotContain("s3cret");

            try (ExporterProcess standby = ExporterProcess.start(dir.resolve("standby.log"), Map.of(),
                    "--backend=auto", "--nvml.library=/nonexistent/libnvidia-ml.so.1",
                    "--nvidia-smi.path=/nonexistent/nvidia-smi", "--jobs.interval=1s", "--jobs.lock-file=" + lock)) {
                String idle = await(standby, m -> value(m, "accelmon_job_monitor_active") == 0);
                assertThat(idle).doesNotContain("accelmon_job_info{");
                assertThat(value(idle, "gpu_exporter_backend_up{backend=\"none\"}")).isZero();

                gpu.close();
                String took = await(standby, m -> m.contains("pid=\"" + job.pid() + "\""));
                assertThat(value(took, "accelmon_job_monitor_active")).isEqualTo(1);
                assertThat(took).contains("job_id=\"" + jobId + "\"").contains("job_name=\"train.py\"")
                        .doesNotContain("accelmon_job_device_memory_bytes{")
                        .doesNotContain("gpu_utilization");
                assertThat(value(took, "gpu_exporter_collector_success{collector=\"jobs\"}")).isEqualTo(1);
            }
        } finally {
            gpu.close();
        }
    }

    private static String await(ExporterProcess exporter, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + MAX.toNanos();
        String m = exporter.scrape();
        while (!done.test(m) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            m = exporter.scrape();
        }
        assertThat(done.test(m)).as(m + "\n" + exporter.log()).isTrue();
        return m;
    }
}
