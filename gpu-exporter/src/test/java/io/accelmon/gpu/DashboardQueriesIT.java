package io.accelmon.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.ExporterProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers' own Grafana dashboards against the fake libnvidia-ml through real Prometheus: every query of
 * dcgm-exporter's dashboard (all 8 panels, Tensor Core included, and its variables) in dcgm naming, and at least 90 %
 * of nvidia_gpu_exporter's community dashboard in nvidia-smi naming. The queries are the dashboards' own, kept in
 * src/test/resources/dashboards with their provenance.
 */
class DashboardQueriesIT {

    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^query_result\\((.*)\\)$");

    @TempDir
    Path dir;

    @Test
    void dcgmExporterAndNvidiaGpuExporterDashboardsAnswer() throws Exception {
        long self = ProcessHandle.current().pid();
        Path control = dir.resolve("nvml-control");
        Files.writeString(control, "process=0:" + self + ":1073741824\nprocutil=0:" + self + ":75\nxid=0:79\n");
        Map<String, String> env = Map.of("FAKE_NVML_CONTROL", control.toString(), "FAKE_NVML_GPU_COUNT", "2");
        // the nvidia_gpu_exporter dashboard has MIG panels: there GPU 1 is in MIG mode with GPM
        Path migControl = dir.resolve("nvml-control-mig");
        Files.writeString(migControl, Files.readString(control) + "mig=1\ngpm=1\n");
        Map<String, String> migEnv = Map.of("FAKE_NVML_CONTROL", migControl.toString(), "FAKE_NVML_GPU_COUNT", "2");
        try (ExporterProcess dcgm = ExporterProcess.start(dir.resolve("dcgm.log"), env, "--backend=nvml",
                "--nvml.library=" + Captures.FAKE_NVML, "--metrics.naming=dcgm", "--gpm.interval=200ms");
             ExporterProcess smi = ExporterProcess.start(dir.resolve("smi.log"), migEnv, "--backend=nvml",
                     "--nvml.library=" + Captures.FAKE_NVML, "--metrics.naming=nvidia-smi", "--gpm.interval=200ms");
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                     global:
                       scrape_interval: 1s
                       scrape_timeout: 1s
                     scrape_configs:
                       - job_name: dcgm
                         static_configs: [{targets: ['%s']}]
                       - job_name: nvidia-gpu
                         static_configs: [{targets: ['%s']}]
                     """.formatted(dcgm.target(), smi.target()))) {
            Duration max = Duration.ofSeconds(60);
            // rates and increases need two samples of every counter, GPM its first interval
            prom.awaitSeries("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", max);
            prom.awaitSeries("count_over_time(nvidia_smi_energy_joules_total[1m]) >= 3", max);
            prom.awaitSeries("nvidia_smi_mig_tensor_activity_ratio", max);

            List<String> dcgmQueries = queries("dcgm-exporter-12239.promql");
            assertThat(dcgmQueries).hasSize(10);
            // each query is given a few seconds: one scrape past its timeout on a loaded machine leaves the series
            // stale until the next
            for (String q : dcgmQueries) {
                prom.awaitSeries(substitute(q, Map.of("$instance", ".*", "$gpu", ".*")), RETRY);
            }
            JsonNode tensor = prom.awaitSeries("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", RETRY);
            assertThat(tensor).as("GPM on GPU 0 only").hasSize(1);
            assertThat(tensor.get(0).path("value").get(1).asDouble()).isEqualTo(0.625);

            // a query answers when it returns data for the plain GPU 0 or for GPU 1 in MIG mode (the dashboard's
            // GPU selector picks one at a time)
            List<String> smiQueries = queries("nvidia-gpu-exporter-14574.promql");
            List<String> unanswered = unanswered(prom, smiQueries, smi.target());
            if (!unanswered.isEmpty()) {
                Thread.sleep(3000); // past a stale scrape: asked again, only what never answers stays
                unanswered = unanswered(prom, unanswered, smi.target());
            }
            double answered = 1 - (double) unanswered.size() / smiQueries.size();
            assertThat(answered).as("answered " + (smiQueries.size() - unanswered.size()) + " of " + smiQueries.size()
                    + "; unanswered: " + String.join("\n  ", unanswered)).isGreaterThanOrEqualTo(0.90);
            // what stays unanswered: the recovery action (not served) and the fan (an H100 SXM has none)
            assertThat(unanswered).allMatch(q -> q.contains("recovery_action")
                    || q.startsWith("nvidia_smi_fan_speed_ratio"));
        }
    }

    private static List<String> unanswered(RealPrometheus prom, List<String> queries, String node) throws Exception {
        List<String> unanswered = new ArrayList<>();
        for (String q : queries) {
            boolean answers = false;
            for (String gpu : List.of("f9da2503-67b4-3b23-234d-60bc7a6e3b03", "f9da2503-67b4-3b23-234d-60bc7a6e3b01")) {
                Map<String, String> vars = Map.of("$job", "nvidia-gpu", "$node", node, "$gpu", gpu,
                        "$__rate_interval", "1m");
                answers |= !prom.query(substitute(q, vars)).isEmpty();
            }
            if (!answers) {
                unanswered.add(q);
            }
        }
        return unanswered;
    }

    private static String substitute(String query, Map<String, String> vars) {
        String q = query;
        Matcher lv = LABEL_VALUES.matcher(q);
        if (lv.matches()) {
            q = lv.group(1);
        }
        Matcher qr = QUERY_RESULT.matcher(q);
        if (qr.matches()) {
            q = qr.group(1);
        }
        for (Map.Entry<String, String> v : vars.entrySet()) {
            q = q.replace(v.getKey(), v.getValue());
        }
        return q;
    }

    private static List<String> queries(String resource) throws IOException {
        try (InputStream in = DashboardQueriesIT.class.getResourceAsStream("/dashboards/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
