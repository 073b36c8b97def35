package io.accelmon.provisioning.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.sizing.Hardware;
import io.accelmon.provisioning.sizing.Sizing;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real proof: render examples/local-cluster.yaml, start the real exporters from their jars on loopback and the
 * real prometheus on the rendered prometheus.yml and rules, then run every dashboard query and every rule expression:
 * none may fail, every one whose input metrics exist must return data, and every metric they read must be one an
 * exporter emits here, a recorded series or an allow-listed hardware-only series ({@link MetricContract}), so a
 * misspelled name fails. Every exporter's scrape passes {@code promtool check metrics}.
 */
class KitPrometheusIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final List<AutoCloseable> started = new ArrayList<>();

    @Test
    void everyQueryRunsAgainstTheRealExporters(@TempDir Path tmp) throws Exception {
        ClusterSpec spec = ClusterSpecLoader.load(REPO.resolve("examples/local-cluster.yaml"));
        Path kit = tmp.resolve("kit");
        Map<String, String> files = Kit.render(spec);
        KitWriter.write(files, kit);
        try {
            LoopbackExporters exporters = LoopbackExporters.start(spec, tmp);
            started.add(exporters);
            int port = spec.hub().prometheusPort();
            Process prom = new ProcessBuilder("prometheus", "--config.file=" + kit.resolve("prometheus/prometheus.yml"),
                    "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(tmp.resolve("prom.log").toFile()).start();
            started.add(() -> {
                prom.destroy();
                prom.waitFor();
            });
            String base = "http://127.0.0.1:" + port + "/api/v1/";
            awaitData(base, "count(up == 1)", 60);
            assertThat(prom.isAlive()).as("our prometheus, not another one on port %s", port).isTrue();
            if (!spec.apiServices().isEmpty()) {
                awaitData(base, "count(api_requests_total)", 60); // the traffic above, scraped
            }
            // rate() over [1m]/[5m] needs at least two samples per series: three scrapes of every target
            awaitData(base, "min(count_over_time(up[1m])) >= 3", 60);
            List<String> exprs = new ArrayList<>(io.accelmon.provisioning.render.PromtoolITAccess.dashboardExpressions(files));
            exprs.addAll(ruleExpressions(files.get("prometheus/rules/alerts.yml")));
            exprs.addAll(ruleExpressions(files.get("prometheus/rules/records.yml")));
            List<String> failures = new ArrayList<>();
            int withData = 0;
            for (String expr : exprs) {
                JsonNode r = query(base, expr);
                if (!"success".equals(r.path("status").asText())) {
                    failures.add("error: " + expr + " -> " + r);
                    continue;
                }
                boolean hasData = r.path("data").path("result").size() > 0;
                boolean isAlert = expr.contains("ALERTS")
                        || expr.matches("(?s).*(>=|<=|>|<|==|!=)\\s*[-0-9.]+(\\s+unless.*)?\\)?$"); // rules span lines
                if (hasData) {
                    withData++;
                } else if (!isAlert && inputsExist(base, expr)) {
                    failures.add("no data although every input metric exists: " + expr);
                }
            }
            assertThat(failures).as(Files.readString(tmp.resolve("prom.log"))).isEmpty();
            Set<String> emitted = new TreeSet<>();
            for (JsonNode n : JSON.readTree(get(base + "label/__name__/values")).path("data")) {
                emitted.add(n.asText());
            }
            Set<String> recorded = recordNames(files.get("prometheus/rules/records.yml"));
            assertThat(MetricContract.unknownMetrics(exprs, emitted, recorded))
                    .as("metrics no accelmon exporter emits (a typo, or a hardware-only series missing from "
                            + "MetricContract.HARDWARE_ONLY)").isEmpty();
            String typo = "avg by (server_name) (gpu_temprature_celsius{job=~\"gpu-.*\"})";
            List<String> withTypo = new ArrayList<>(exprs);
            withTypo.add(typo);
            assertThat(MetricContract.unknownMetrics(withTypo, emitted, recorded))
                    .containsExactly(Map.entry("gpu_temprature_celsius", typo));
            StringBuilder lint = new StringBuilder();
            for (String scrape : exporters.scrapes()) {
                String problems = MetricContract.lintProblems(promtoolCheckMetrics(get(scrape)));
                if (!problems.isEmpty()) {
                    lint.append(scrape).append(":\n").append(problems);
                }
            }
            assertThat(lint.toString()).as("promtool check metrics").isEmpty();
            // the sizing estimate for this stack: the box's CPUs, the fake nvidia-smi's one GPU, the 8-chip npu-smi capture
            Hardware hw = new Hardware(Runtime.getRuntime().availableProcessors(), 1, 8);
            long estimated = Sizing.estimate(spec, hw).series();
            double head = query(base, "prometheus_tsdb_head_series").path("data").path("result").get(0).path("value")
                    .get(1).asDouble();
            assertThat((double) estimated).as("validate --sizing's series vs prometheus_tsdb_head_series")
                    .isBetween(head * 0.8, head * 1.2);
            assertThat(withData).as("queries returning data of %s", exprs.size()).isGreaterThan(exprs.size() / 3);
            JsonNode up = query(base, "up").path("data").path("result");
            assertThat(up.size()).isGreaterThanOrEqualTo(5);
            for (JsonNode u : up) {
                assertThat(u.path("metric").path("location").asText()).isEqualTo("singapore");
                assertThat(u.path("metric").path("hostname").asText()).isIn("CRS", "PIS", "TRS");
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    private JsonNode query(String base, String expr) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private void awaitData(String base, String expr, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (query(base, expr).path("data").path("result").size() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // prometheus still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no result for " + expr + " within " + seconds + "s");
    }

    /** True when every metric the expression reads has at least one series right now. */
    private boolean inputsExist(String base, String expr) throws IOException, InterruptedException {
        for (String metric : MetricContract.metrics(expr)) {
            if (query(base, "count({__name__=\"" + metric + "\"})").path("data").path("result").size() == 0) {
                return false;
            }
        }
        return true;
    }

    static Set<String> recordNames(String rulesYaml) throws IOException {
        JsonNode doc = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(rulesYaml);
        Set<String> out = new TreeSet<>();
        for (JsonNode g : doc.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has("record")) {
                    out.add(r.path("record").asText());
                }
            }
        }
        return out;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    /** The lint problems Prometheus' own {@code promtool check metrics} finds in a scrape; empty when clean. */
    private static String promtoolCheckMetrics(String scrape) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? "" : out;
    }

    static List<String> ruleExpressions(String rulesYaml) throws IOException {
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(rulesYaml);
        List<String> out = new ArrayList<>();
        for (JsonNode g : doc.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                out.add(r.path("expr").asText());
            }
        }
        return out;
    }
}
