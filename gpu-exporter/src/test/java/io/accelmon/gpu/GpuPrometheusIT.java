package io.accelmon.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.ExporterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Prometheus scraping three exporter jars: NVML (fake libnvidia-ml, 2 GPUs), nvidia-smi (fake script, loaded
 * capture) and NVML in dcgm naming; the example cluster's GPU expressions return data for both backends.
 */
class GpuPrometheusIT {

    @TempDir
    Path dir;

    @Test
    void seedExpressionsReturnDataForBothBackendsAndDcgmNamesForTheDashboard() throws Exception {
        Path control = dir.resolve("nvml-control");
        Files.writeString(control, "process=0:" + ProcessHandle.current().pid() + ":1073741824\n");
        Map<String, String> nvmlEnv = Map.of("FAKE_NVML_CONTROL", control.toString(), "FAKE_NVML_GPU_COUNT", "2");
        try (ExporterProcess nvml = ExporterProcess.start(dir.resolve("nvml.log"), nvmlEnv,
                "--backend=nvml", "--nvml.library=" + Captures.FAKE_NVML);
             ExporterProcess smi = ExporterProcess.start(dir.resolve("smi.log"),
                     Map.of("FAKE_NVIDIA_SMI_MODE", "loaded", "FAKE_GPU_TEMPERATURE", "83"),
                     "--backend=nvidia-smi", "--nvidia-smi.path=" + Captures.FAKE_NVIDIA_SMI,
                     "--collector.timeout=4500ms");
             ExporterProcess dcgm = ExporterProcess.start(dir.resolve("dcgm.log"), nvmlEnv,
                     "--backend=nvml", "--nvml.library=" + Captures.FAKE_NVML, "--metrics.naming=dcgm");
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                     global:
                       scrape_interval: 1s
                       scrape_timeout: 1s
                     scrape_configs:
                       - job_name: gpu-nvml
                         static_configs: [{targets: ['%s']}]
                       - job_name: gpu-smi
                         scrape_interval: 5s
                         scrape_timeout: 5s
                         static_configs: [{targets: ['%s']}]
                       - job_name: gpu-dcgm
                         static_configs: [{targets: ['%s']}]
                     """.formatted(nvml.target(), smi.target(), dcgm.target()))) {
            Duration max = Duration.ofSeconds(60);
            JsonNode util = prom.awaitQuery("gpu_utilization", r -> jobs(r).containsAll(Set.of("gpu-nvml", "gpu-smi")),
                    max);
            assertThat(util).allSatisfy(s -> assertThat(s.path("value").get(1).asDouble()).isEqualTo(100));

            JsonNode memPct = prom.awaitQuery("gpu_memory_used_bytes / gpu_memory_total_bytes * 100",
                    r -> jobs(r).containsAll(Set.of("gpu-nvml", "gpu-smi")), max);
            for (JsonNode s : memPct) {
                double pct = s.path("value").get(1).asDouble();
                // loaded capture: 1011 of 81559 MiB (smi); 1059913728 of 85520809984 bytes (NVML v2, reserved apart)
                assertThat(pct).isBetween(1.2, 1.3);
            }

            JsonNode temp = prom.awaitQuery("gpu_temperature_celsius", r -> jobs(r).size() == 2 && r.size() == 3, max);
            assertThat(temp).anySatisfy(s -> {
                assertThat(s.path("metric").path("job").asText()).isEqualTo("gpu-smi");
                assertThat(s.path("value").get(1).asDouble()).isEqualTo(83);
            });
            assertThat(prom.awaitSeries("gpu_temperature_celsius > 80", max)) // the example alert expression
                    .allSatisfy(s -> assertThat(s.path("metric").path("job").asText()).isEqualTo("gpu-smi"));

            JsonNode byUser = prom.awaitSeries("gpu_user_memory_used_bytes{job=\"gpu-nvml\"}", max);
            assertThat(byUser.get(0).path("metric").path("user").asText()).isEqualTo(System.getProperty("user.name"));

            JsonNode fb = prom.awaitSeries("DCGM_FI_DEV_FB_USED{job=\"gpu-dcgm\"}", max);
            assertThat(fb).hasSize(2);
            assertThat(fb.get(0).path("metric").path("modelName").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(fb.get(0).path("value").get(1).asDouble()).isEqualTo((1563230208.0 - 480.0 * 1048576) / 1048576);
            prom.awaitSeries("rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[5s]) > 0", max);
            prom.awaitSeries("gpu_exporter_collector_success{collector=\"nvml\"} == 1", max);
        }
    }

    private static Set<String> jobs(JsonNode result) {
        Set<String> jobs = new HashSet<>();
        result.forEach(s -> jobs.add(s.path("metric").path("job").asText()));
        return jobs;
    }
}
