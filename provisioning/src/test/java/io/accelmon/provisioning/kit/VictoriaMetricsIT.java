package io.accelmon.provisioning.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.render.PrometheusConfig;
import io.accelmon.provisioning.render.PromtoolITAccess;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path past one Prometheus, on a real long-term store: examples/local-cluster.yaml with {@code scale_out.shards: 2}
 * and a {@code remote_write} to Debian's {@code victoria-metrics} on loopback; the two rendered shard configs run as
 * real Prometheus on the real exporters. Every dashboard query and recording-rule expression of the kit must answer
 * through VictoriaMetrics' Prometheus-compatible query API with every series the shards answer (the store adds only
 * what a query joins across shards).
 */
class VictoriaMetricsIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> STORE_LABELS = Set.of("cluster", "shard");
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPanelAndRecordingRuleAnswersThroughVictoriaMetrics(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/victoria-metrics")) || System.getenv("CI") != null,
                "Debian's victoria-metrics is not installed");
        int vmPort = FreePorts.next();
        String local = Files.readString(REPO.resolve("examples/local-cluster.yaml"));
        Path cluster = Files.writeString(tmp.resolve("cluster.yaml"), local + "\nscale_out:\n  shards: 2\n"
                + "  remote_write:\n    - {name: victoria, url: \"http://127.0.0.1:" + vmPort + "/api/v1/write\"}\n");
        ClusterSpec spec = ClusterSpecLoader.load(cluster);
        Map<String, String> files = Kit.render(spec);
        Path kit = tmp.resolve("kit");
        KitWriter.write(files, kit);
        List<RealPrometheus> shards = new ArrayList<>();
        try (JavaProcess vm = JavaProcess.start("victoria-metrics", List.of("victoria-metrics",
                        "-httpListenAddr=127.0.0.1:" + vmPort, "-storageDataPath=" + tmp.resolve("vm"),
                        "-retentionPeriod=1d", "-search.latencyOffset=0s", "-search.disableCache", "-loggerLevel=ERROR"),
                Map.of(), tmp.resolve("vm.log"), "http://127.0.0.1:" + vmPort + "/health");
             LoopbackExporters exporters = LoopbackExporters.start(spec, tmp)) {
            for (int i = 0; i < 2; i++) {
                shards.add(RealPrometheus.startWithConfigFile(tmp.resolve("shard-" + i),
                        kit.resolve(PrometheusConfig.shardPath(i))));
            }
            String store = "http://127.0.0.1:" + vmPort + "/api/v1/";
            int targets = 0;
            for (RealPrometheus shard : shards) {
                shard.awaitSeries("up", Duration.ofSeconds(60));
            }
            for (RealPrometheus shard : shards) {
                targets += shard.query("up").size();
            }
            int expected = targets;
            awaitStore(store, "count(up)", r -> r.size() == 1 && r.get(0).path("value").get(1).asInt() >= expected);
            awaitStore(store, "count(api_requests_total)", r -> r.size() == 1);
            Thread.sleep(15_000); // rate() over [1m] needs two samples per series on both sides

            List<String> exprs = new ArrayList<>(PromtoolITAccess.dashboardExpressions(files));
            exprs.addAll(KitPrometheusIT.ruleExpressions(files.get("prometheus/rules/records.yml")));
            List<String> missing = new ArrayList<>();
            int compared = 0;
            for (String expr : exprs) {
                Set<String> onShards = new TreeSet<>();
                for (RealPrometheus shard : shards) {
                    // VictoriaMetrics leaves NaN samples (0/0 of an idle counter's rate) out of its answers
                    onShards.addAll(labelSets(withoutNaN(shard.query(expr))));
                }
                Set<String> lacking = Set.of();
                // remote write is asynchronous: a series a shard just started holding may take a few seconds
                for (int attempt = 0; attempt < 4; attempt++) {
                    JsonNode answer = get(store + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
                    assertThat(answer.path("status").asText()).as("VictoriaMetrics on %s: %s", expr, answer)
                            .isEqualTo("success");
                    lacking = new TreeSet<>(onShards);
                    lacking.removeAll(labelSets(answer.path("data").path("result")));
                    if (lacking.isEmpty()) {
                        break;
                    }
                    Thread.sleep(5_000);
                }
                if (!onShards.isEmpty()) {
                    compared++;
                }
                if (!lacking.isEmpty()) {
                    missing.add(expr + " lacks " + lacking);
                }
            }
            assertThat(missing).as("series the shards answer but VictoriaMetrics does not").isEmpty();
            assertThat(compared).as("expressions with data, of %s", exprs.size()).isGreaterThan(exprs.size() / 3);
        } finally {
            shards.forEach(RealPrometheus::close);
        }
    }

    private static List<JsonNode> withoutNaN(JsonNode result) {
        List<JsonNode> out = new ArrayList<>();
        result.forEach(series -> {
            if (!"NaN".equals(series.path("value").path(1).asText())) {
                out.add(series);
            }
        });
        return out;
    }

    /** Each series' labels without the external labels remote write adds, as one comparable string. */
    private static Set<String> labelSets(Iterable<JsonNode> result) {
        Set<String> out = new TreeSet<>();
        for (JsonNode series : result) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(e -> {
                if (!STORE_LABELS.contains(e.getKey())) {
                    labels.put(e.getKey(), e.getValue().asText());
                }
            });
            out.add(labels.toString());
        }
        return out;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private void awaitStore(String store, String expr, java.util.function.Predicate<JsonNode> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = get(store + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("data")
                    .path("result");
            if (done.test(last)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("VictoriaMetrics: " + expr + " did not arrive; last " + last);
    }
}
