package io.accelmon.api.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.Exposition;
import io.accelmon.api.route.RouteTemplates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiHttpFilterTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).maxEndpoints(3).build();
        RouteTemplates routes = RouteTemplates.of("/users/{id}", "/echo", "/slow");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle).getFilters().add(new ApiHttpFilter(metrics, routes));
        server.start();
    }

    @AfterEach
    void stop() {
        slowRelease.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/slow")) {
            slowStarted.countDown();
            try {
                slowRelease.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.equals("/boom")) {
            throw new IllegalStateException("handler bug");
        }
        byte[] body = path.equals("/echo") ? exchange.getRequestBody().readAllBytes()
                : path.startsWith("/users/1") ? "{\"id\":1}".getBytes(StandardCharsets.UTF_8)
                : "not found".getBytes(StandardCharsets.UTF_8);
        int status = path.equals("/echo") || path.equals("/slow") || path.equals("/users/1") ? 200 : 404;
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private int send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + path)).method(method, publisher).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private Exposition settled(int requests) {
        return Exposition.awaitTotal(registry, "api_response_size_bytes_count", requests);
    }

    @Test
    void labelsRequestsWithTheRouteTemplateNotTheRawPath() throws Exception {
        assertThat(send("GET", "/users/1", null)).isEqualTo(200);
        assertThat(send("GET", "/users/2", null)).isEqualTo(404);
        assertThat(send("GET", "/users/3", null)).isEqualTo(404);

        Exposition e = settled(3);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/users/{id}", "status", "200"))
                .isEqualTo(1.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/users/{id}", "status", "404"))
                .isEqualTo(2.0);
        assertThat(e.text()).doesNotContain("/users/2").doesNotContain("/users/3");
        assertThat(e.value("api_request_duration_seconds_count", "method", "GET", "endpoint", "/users/{id}"))
                .isEqualTo(3.0);
        assertThat(e.value("api_response_size_bytes_sum", "method", "GET", "endpoint", "/users/{id}"))
                .isEqualTo(8.0 + 9 + 9);
    }

    @Test
    void pathsMatchingNoRouteCountAsOther() throws Exception {
        for (String scan : new String[] {"/wp-login.php", "/.env", "/admin", "/a/b/c"}) {
            assertThat(send("GET", scan, null)).isEqualTo(404);
        }
        Exposition e = settled(4);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "other", "status", "404"))
                .isEqualTo(4.0);
        assertThat(e.seriesCount("api_requests_total")).isEqualTo(1);
        assertThat(e.text()).doesNotContain("wp-login").doesNotContain(".env");
    }

    @Test
    void measuresRequestAndResponseBodies() throws Exception {
        assertThat(send("POST", "/echo", "hello, sizes")).isEqualTo(200);
        Exposition e = settled(1);
        assertThat(e.value("api_request_size_bytes_sum", "method", "POST", "endpoint", "/echo")).isEqualTo(12.0);
        assertThat(e.value("api_response_size_bytes_sum", "method", "POST", "endpoint", "/echo")).isEqualTo(12.0);
    }

    @Test
    void countsRequestsInFlight() throws Exception {
        Thread slow = new Thread(() -> {
            try {
                send("GET", "/slow", null);
            } catch (Exception ignored) {
                // the assertion below reports it
            }
        });
        slow.start();
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Exposition.of(registry).value("api_requests_in_flight", "endpoint", "/slow")).isEqualTo(1.0);
        slowRelease.countDown();
        slow.join(10_000);
        Exposition e = settled(1);
        assertThat(e.value("api_requests_in_flight", "endpoint", "/slow")).isEqualTo(0.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/slow", "status", "200"))
                .isEqualTo(1.0);
    }

    @Test
    void aHandlerThatThrowsCountsAs500() throws Exception {
        // POST: the JDK client retries a GET once when the connection drops without a response
        send("POST", "/boom", "x");
        assertThat(settled(1).value("api_requests_total", "method", "POST", "endpoint", "other",
                "status", "500")).isEqualTo(1.0);
    }
}
