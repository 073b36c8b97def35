package io.accelmon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.accelmon.api.ApiMetrics;
import io.accelmon.core.testing.Options;
import io.accelmon.demo.http.DemoServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private DemoServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = start("--web.listen-address=127.0.0.1:0");
    }

    private static DemoServer start(String... flags) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).maxEndpoints(3).build();
        return DemoServer.start(DemoApiMain.IDENTITY, Options.of(flags), registry, metrics,
                new DemoServer.Simulation(0, 2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().port() + path))
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheApiRoutes() throws Exception {
        assertThat(send("GET", "/v1/models", null).body()).contains("deepseek-r1-distill", "qwen2.5-7b");
        assertThat(send("GET", "/users/1", null).body()).contains("\"ada\"");
        assertThat(send("GET", "/users/999", null).statusCode()).isEqualTo(404);
        HttpResponse<String> chat = send("POST", "/v1/chat/completions",
                "{\"model\":\"qwen2.5-7b\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).contains("chat.completion", "completion_tokens");
        assertThat(send("POST", "/v1/chat/completions", "this is not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/chat/completions", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[]}").statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/v1/chat/completions", null).statusCode()).isEqualTo(405);
        assertThat(send("GET", "/wp-login.php", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/-/healthy", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsOnTheSamePortLabelRoutesNotPaths() throws Exception {
        send("GET", "/users/1", null);
        send("GET", "/users/999", null);
        send("GET", "/.env", null);
        send("GET", "/admin/config.php", null);
        send("POST", "/v1/chat/completions", "not json");
        String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"same prompt\"}]}";
        send("POST", "/v1/chat/completions", chat);
        send("POST", "/v1/chat/completions", chat);

        List<String> expected = List.of(
                "api_requests_total{endpoint=\"/users/{id}\",method=\"GET\",status=\"200\"} 1.0",
                "api_requests_total{endpoint=\"/users/{id}\",method=\"GET\",status=\"404\"} 1.0",
                "api_requests_total{endpoint=\"other\",method=\"GET\",status=\"404\"} 2.0",
                "api_requests_total{endpoint=\"/v1/chat/completions\",method=\"POST\",status=\"400\"} 1.0",
                "api_requests_total{endpoint=\"/v1/chat/completions\",method=\"POST\",status=\"200\"} 2.0",
                "api_request_duration_seconds{endpoint=\"/v1/chat/completions\",method=\"POST\",quantile=\"0.95\"}",
                "inference_errors_total{model=\"deepseek-r1-distill\",type=\"bad_request\",version=\"1.0\"} 1.0",
                "inference_requests_total{model=\"deepseek-r1-distill\",status=\"ok\",version=\"1.0\"} 2.0",
                "api_cache_requests_total{cache=\"prompts\",result=\"hit\"} 1.0",
                "api_cache_requests_total{cache=\"prompts\",result=\"miss\"} 1.0",
                "inference_queue_length{model=\"deepseek-r1-distill\"} 0.0");
        // the filter records a request just after its response went out: wait until all are in
        String metrics = send("GET", "/metrics", null).body();
        for (int i = 0; i < 250 && !expected.stream().allMatch(metrics::contains); i++) {
            Thread.sleep(20);
            metrics = send("GET", "/metrics", null).body();
        }
        assertThat(metrics).contains(expected)
                .doesNotContain("/users/999").doesNotContain(".env").doesNotContain("admin")
                .doesNotContain("endpoint=\"/metrics\"");
    }

    @Test
    void webConfigBasicAuthGuardsTheApiAndTheMetrics() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());
        Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  prom: " + hash + "\n");
        server.close();
        server = start("--web.listen-address=127.0.0.1:0", "--web.config.file=" + web);
        String good = "Basic " + Base64.getEncoder().encodeToString("prom:s3cret".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("prom:wrong".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/", "/v1/models", "/users/1", "/metrics", "/-/healthy", "/-/ready")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, bad).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, good).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/users/1", good).body()).contains("\"ada\"");
        assertThat(get("/", good).body()).startsWith("accelmon demo API");
        assertThat(get("/wp-login.php", good).statusCode()).isEqualTo(404);
        assertThat(get("/metrics", good).body()).contains("accelmon_build_info{exporter=\"demo-api\"");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().port()
                + path));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
