package io.accelmon.demo;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The built jar, three ways (summary, {@code --metrics.histogram}, {@code --simulate.latency-ms=2500}), scraped every
 * second by a real Prometheus while a Java HttpClient loop loads them; the example cluster's queries must return data.
 */
class DemoApiPrometheusIT {

    private static final Path JAR = Path.of("target", "demo-api.jar");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void prometheusScrapesTheDemoUnderLoad() throws Exception {
        Path dir = Files.createTempDirectory("demo-api-it");
        int summaryPort = FreePorts.next();
        int histogramPort = FreePorts.next();
        int slowPort = FreePorts.next();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        ExecutorService load = Executors.newFixedThreadPool(6);
        try (JavaProcess summary = demo(dir, "summary", summaryPort);
             JavaProcess histogram = demo(dir, "histogram", histogramPort, "--metrics.histogram");
             JavaProcess slow = demo(dir, "slow", slowPort, "--simulate.latency-ms=2500", "--simulate.workers=8");
             RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), config(summaryPort, histogramPort,
                     slowPort))) {
            for (int i = 0; i < 2; i++) {
                load.execute(() -> loadLoop(summaryPort, running, sent));
                load.execute(() -> loadLoop(histogramPort, running, sent));
            }
            for (int i = 0; i < 2; i++) {
                load.execute(() -> chatLoop(slowPort, running));
            }
            prom.awaitTargetsUp(3, WAIT);

            assertHasData(prom, "api_requests_total{job=\"demo-summary\"}");
            assertHasData(prom, "api_request_duration_seconds{job=\"demo-summary\",quantile=\"0.95\"}");
            JsonNode rate = prom.awaitQuery("sum(rate(api_requests_total{job=\"demo-summary\"}[1m]))",
                    r -> r.size() == 1 && value(r.get(0)) > 0, WAIT);
            assertThat(value(rate.get(0))).isPositive();
            JsonNode quantile = prom.awaitQuery("histogram_quantile(0.95, sum by (le) "
                            + "(rate(api_request_duration_seconds_bucket{job=\"demo-histogram\"}[1m])))",
                    r -> r.size() == 1 && value(r.get(0)) > 0, WAIT);
            assertThat(value(quantile.get(0))).isBetween(0.0001, 2.0);

            // the example APIHighLatency expression fires on the slow instance's chat completions
            prom.awaitQuery("api_request_duration_seconds{quantile=\"0.95\"} > 2", r -> {
                for (JsonNode series : r) {
                    JsonNode labels = series.path("metric");
                    if (labels.path("job").asText().equals("demo-slow")
                            && labels.path("endpoint").asText().equals("/v1/chat/completions")) {
                        return true;
                    }
                }
                return false;
            }, WAIT);

            // route templates, never raw paths; scanner paths under "other"
            assertHasData(prom, "api_requests_total{endpoint=\"/users/{id}\",status=\"404\"}");
            assertHasData(prom, "api_requests_total{endpoint=\"other\",status=\"404\"}");
            JsonNode endpoints = prom.query("count by (endpoint) (api_requests_total)");
            List<String> names = new ArrayList<>();
            endpoints.forEach(e -> names.add(e.path("metric").path("endpoint").asText()));
            assertThat(names).isSubsetOf("/", "/v1/models", "/v1/chat/completions", "/users/{id}", "other");

            assertHasData(prom, "inference_requests_total{status=\"ok\"}");
            assertHasData(prom, "inference_errors_total{type=\"bad_request\"}");
            assertHasData(prom, "inference_time_to_first_token_seconds{quantile=\"0.95\"}");
            assertHasData(prom, "sum(rate(api_cache_requests_total{result=\"hit\"}[1m])) "
                    + "/ sum(rate(api_cache_requests_total[1m]))");
            assertThat(sent.get()).isPositive();
        } finally {
            running.set(false);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void assertHasData(RealPrometheus prom, String expr) throws Exception {
        assertThat(prom.awaitSeries(expr, WAIT)).isNotEmpty();
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }

    private static JavaProcess demo(Path dir, String name, int port, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:" + port));
        args.addAll(List.of(flags));
        return JavaProcess.startJar(JAR, dir.resolve(name + ".log"), port, args);
    }

    private static String config(int summaryPort, int histogramPort, int slowPort) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: demo-summary
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: demo-histogram
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: demo-slow
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(summaryPort, histogramPort, slowPort);
    }

    /** A mixed stream of requests, as a client population would send: mostly good, some 404s and bad bodies. */
    private static void loadLoop(int port, AtomicBoolean running, AtomicLong sent) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            int pick = random.nextInt(10);
            HttpRequest.Builder request = switch (pick) {
                case 0, 1 -> get(port, "/v1/models");
                case 2, 3 -> get(port, "/users/" + (1 + random.nextInt(8)));
                case 4 -> get(port, "/scan/" + random.nextInt(1000));
                case 5 -> post(port, "{not json");
                default -> post(port, "{\"messages\":[{\"role\":\"user\",\"content\":\"question "
                        + random.nextInt(20) + "\"}]}");
            };
            try {
                client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                sent.incrementAndGet();
                Thread.sleep(5); // a steady load, not a CPU hog on a shared 2-core CI machine
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                sleep();
            }
        }
    }

    private static void chatLoop(int port, AtomicBoolean running) {
        HttpClient client = HttpClient.newHttpClient();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                client.send(post(port, "{\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}")
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                sleep();
            }
        }
    }

    private static HttpRequest.Builder get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }

    private static HttpRequest.Builder post(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
