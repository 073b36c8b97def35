package io.accelmon.npu;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.jobs.TestJobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar with the fake npu-smi, scraped by a real Prometheus; then npu-smi hangs (before, after a whole table,
 * after half a table) and the jar keeps serving.
 */
class NpuPrometheusIT {

    @TempDir
    Path dir;

    @Test
    void prometheus_scrapes_npu_and_job_series_and_a_hanging_npu_smi_turns_health_unknown() throws Exception {
        Path modeFile = dir.resolve("mode");
        Files.writeString(modeFile, "ok");
        Path fake = Path.of("src/test/fake/npu-smi").toAbsolutePath();
        Path wrapper = dir.resolve("npu-smi");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexport FAKE_NPU_SMI_MODE_FILE=" + modeFile
                + "\nexport FAKE_NPU_SMI_CAPTURE=npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt"
                + "\nexec " + fake + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        int port = FreePorts.next();
        List<Process> jobs = new ArrayList<>();
        jobs.add(TestJobs.startTrainPy(dir.resolve("job")));
        try (JavaProcess exporter = JavaProcess.startJar(Path.of("target/npu-exporter.jar").toAbsolutePath(),
                dir.resolve("exporter.log"), port, List.of("--web.listen-address=127.0.0.1:" + port,
                        "--npu-smi.path=" + wrapper, "--npu-smi.timeout=2s", "--collection.interval=1s",
                        "--backend=npu-smi", "--jobs.details", "--jobs.lock-file=" + dir.resolve("jobs.lock")));
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                     global:
                       scrape_interval: 1s
                     scrape_configs:
                       - job_name: npu
                         static_configs:
                           - targets: ['127.0.0.1:%d']
                     """.formatted(port))) {
            Duration max = Duration.ofSeconds(30);
            // a cycle that timed out while the JVMs were starting reads -1 until the next one
            prom.awaitQuery("npu_health_status == 0", r -> r.size() == 2, max);
            prom.awaitQuery("npu_power_watts{id=\"0\"} == 424", r -> r.size() == 1, max);
            prom.awaitQuery("npu_temperature_celsius{id=\"1\"} == 44", r -> r.size() == 1, max);
            prom.awaitQuery("npu_aicore_utilization_ratio{id=\"0\"} == 1", r -> r.size() == 1, max);
            prom.awaitQuery("npu_hbm_used_bytes{id=\"0\"} == 38711 * 1024 * 1024", r -> r.size() == 1, max);
            prom.awaitQuery("npu_exporter_backend_up == 1", r -> r.size() == 1, max);
            prom.awaitQuery("accelmon_job_info{job_name=\"train.py\",framework=\"torch\",type=\"training\",pid=\""
                    + jobs.get(0).pid() + "\"}", r -> r.size() == 1, max);
            prom.awaitQuery("accelmon_job_resident_memory_bytes > 60e6", r -> r.size() >= 1, max);

            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/jobs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("train.py").contains("--token ***").doesNotContain("s3cret");

            Files.writeString(modeFile, "hang");
            prom.awaitQuery("npu_exporter_backend_up == 0", r -> r.size() == 1, max);
            prom.awaitQuery("npu_health_status == -1", r -> r.size() == 2, max);
            prom.awaitQuery("npu_chips{state=\"unknown\"} == 2", r -> r.size() == 1, max);
            // a whole table printed before the hang is served; half a table is not, and both timeouts are counted
            Files.writeString(modeFile, "whole-then-hang");
            prom.awaitQuery("npu_exporter_table_timeouts_total{outcome=\"kept\"} > 0", r -> r.size() == 1, max);
            prom.awaitQuery("npu_exporter_backend_up == 1", r -> r.size() == 1, max);
            prom.awaitQuery("npu_power_watts{id=\"0\"} == 424", r -> r.size() == 1, max);
            Files.writeString(modeFile, "half-then-hang");
            prom.awaitQuery("npu_exporter_table_timeouts_total{outcome=\"dropped\"} > 0", r -> r.size() == 1, max);
            prom.awaitQuery("npu_exporter_backend_up == 0", r -> r.size() == 1, max);
            prom.awaitQuery("npu_health_status == -1", r -> r.size() == 2, max);
            Files.writeString(modeFile, "ok");
            prom.awaitQuery("npu_exporter_backend_up == 1", r -> r.size() == 1, max);
            assertThat(exporter.process().descendants().filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("sleep 60")).toList())
                    .as("a hung npu-smi is killed with its children").isEmpty();
        } finally {
            TestJobs.stop(jobs);
        }
    }

    @Test
    void huawei_naming_serves_chip_and_hccn_network_families_and_a_broken_hccn_tool_says_why() throws Exception {
        Path modeFile = dir.resolve("hccn-mode");
        Files.writeString(modeFile, "ok");
        Path hccn = dir.resolve("hccn_tool");
        Files.writeString(hccn, "#!/usr/bin/env bash\nexport FAKE_HCCN_MODE_FILE=" + modeFile + "\nexec "
                + Path.of("src/test/fake/hccn/hccn_tool").toAbsolutePath() + " \"$@\"\n");
        hccn.toFile().setExecutable(true);
        int port = FreePorts.next();
        try (JavaProcess exporter = JavaProcess.startJar(Path.of("target/npu-exporter.jar").toAbsolutePath(),
                dir.resolve("exporter-huawei.log"), port, List.of("--web.listen-address=127.0.0.1:" + port,
                        "--npu-smi.path=" + Path.of("src/test/fake/npu-smi").toAbsolutePath(), "--npu-smi.timeout=2s",
                        "--collection.interval=1s", "--backend=npu-smi", "--metrics.naming=huawei",
                        "--hccn-tool.path=" + hccn, "--hccn-tool.timeout=2s", "--jobs.enabled=false"));
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom-huawei"), """
                     global:
                       scrape_interval: 1s
                     scrape_configs:
                       - job_name: npu
                         static_configs:
                           - targets: ['127.0.0.1:%d']
                     """.formatted(port))) {
            Duration max = Duration.ofSeconds(30);
            prom.awaitQuery("machine_npu_nums == 8", r -> r.size() == 1, max);
            prom.awaitQuery("npu_chip_info_hbm_used_memory", r -> r.size() == 8, max);
            prom.awaitQuery("npu_chip_info_link_status == 1", r -> r.size() >= 2, max);
            prom.awaitQuery("npu_chip_optical_state == 0", r -> r.size() >= 1, max);
            prom.awaitQuery("npu_chip_roce_qp_status_err_num == 0", r -> r.size() >= 1, max);
            Files.writeString(modeFile, "garbage");
            prom.awaitQuery("npu_exporter_network_up{reason=\"garbage\"} == 0", r -> r.size() >= 1, max);
            prom.awaitQuery("npu_exporter_network_failures_total{reason=\"garbage\"} > 0", r -> r.size() == 1, max);
            prom.awaitQuery("npu_chip_info_health_status == 1", r -> r.size() == 8, max);
        }
    }
}
