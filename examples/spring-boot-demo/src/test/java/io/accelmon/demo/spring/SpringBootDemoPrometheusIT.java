package io.accelmon.demo.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The built Spring Boot jar under load, its /actuator/prometheus scraped every second by a real Prometheus loaded with
 * the project's rules/alerts.yml: the API queries answer from the starter's families next to Micrometer's, and the
 * slow chat route (2.2 s) puts APIHighLatency into pending.
 */
class SpringBootDemoPrometheusIT {

    private static final Path JAR = Path.of("target", "spring-boot-demo.jar");
    private static final Path ALERTS = Path.of("..", "..", "rules", "alerts.yml").toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void prometheusAnswersTheApiQueriesAndTheLatencyRuleFromActuatorsEndpoint() throws Exception {
        Path dir = Files.createTempDirectory("spring-boot-demo-it");
        int port = FreePorts.next();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        try (JavaProcess app = JavaProcess.launch("spring-boot-demo",
                     JavaProcess.javaJar(JAR, List.of("-XX:TieredStopAtLevel=1"), List.of("--server.port=" + port,
                             "--server.address=127.0.0.1", "--demo.chat-latency-ms=2200",
                             "--spring.main.banner-mode=off")), Map.of(), dir.resolve("app.log"))
                     .ready("http://127.0.0.1:" + port + "/actuator/health");
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), config(port))) {
            load.execute(() -> loop(port, running, false));
            load.execute(() -> loop(port, running, false));
            load.execute(() -> loop(port, running, true));
            load.execute(() -> loop(port, running, true));
            prom.awaitTargetsUp(1, WAIT);

            // the API queries of the dashboards: p95 per endpoint, QPS, error ratio
            prom.awaitQuery("api_request_duration_seconds{quantile=\"0.95\",endpoint=\"/users/{id}\"}",
                    r -> r.size() >= 1 && value(r.get(0)) > 0, WAIT);
            JsonNode qps = prom.awaitQuery("sum by (endpoint) (rate(api_requests_total[1m]))",
                    r -> r.size() >= 4, WAIT);
            assertThat(endpoints(qps)).contains("/users/{id}", "/orders/{id}", "/v1/models", "/v1/chat/completions");
            JsonNode errors = prom.awaitQuery("sum(rate(api_requests_total{status=~\"5..\"}[5m])) "
                    + "/ sum(rate(api_requests_total[5m]))", r -> r.size() == 1 && value(r.get(0)) > 0, WAIT);
            assertThat(value(errors.get(0))).isBetween(0.01, 0.5);

            // the project's APIHighLatency rule (p95 > 2 s, for 10m) is pending for the chat route only
            JsonNode alerts = prom.awaitQuery("ALERTS{alertname=\"APIHighLatency\",severity=\"warning\"}",
                    r -> r.size() >= 1, WAIT);
            assertThat(endpoints(alerts)).containsOnly("/v1/chat/completions");
            assertThat(alerts.get(0).path("metric").path("alertstate").asText()).isEqualTo("pending");

            // Micrometer's own families share the endpoint; raw paths never become labels
            assertThat(prom.query("http_server_requests_seconds_count{uri=\"/users/{id}\"}")).isNotEmpty();
            assertThat(prom.query("inference_requests_total{model=\"qwen2.5-7b\",status=\"ok\"}")).isNotEmpty();
            assertThat(endpoints(prom.query("count by (endpoint) (api_requests_total)")))
                    .allSatisfy(e -> assertThat(e).doesNotMatch(".*/[0-9]+$"));
        } finally {
            running.set(false);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static String config(int port) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ['%s']
                scrape_configs:
                  - job_name: spring-boot-demo
                    metrics_path: /actuator/prometheus
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(ALERTS, port);
    }

    /** Mixed GETs (some 404 and 500), or slow chat completions. */
    private static void loop(int port, AtomicBoolean running, boolean chat) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            String base = "http://127.0.0.1:" + port;
            HttpRequest request = chat
                    ? HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\"}]}")).build()
                    : HttpRequest.newBuilder(URI.create(base + switch (random.nextInt(3)) {
                        case 0 -> "/v1/models";
                        case 1 -> "/users/" + (1 + random.nextInt(7));
                        default -> "/orders/" + (1 + random.nextInt(20));
                    })).build();
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                Thread.sleep(chat ? 0 : 10); // a steady load, not a CPU hog on a shared CI machine
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static List<String> endpoints(JsonNode result) {
        List<String> names = new java.util.ArrayList<>();
        result.forEach(s -> names.add(s.path("metric").path("endpoint").asText()));
        return names;
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }
}
