package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ListenAddress;
import io.accelmon.core.testing.Options;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An in-process server on loopback with basic auth: every path is guarded, content negotiation works. */
class ExporterServerTest {

    static final ExporterIdentity IDENTITY = new ExporterIdentity("test-exporter", "Test Exporter",
            ListenAddress.parse(":0"), "1.2.3", "abc1234");

    @TempDir
    Path dir;
    ExporterServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        String hash = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());
        Path config = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  prom: " + hash + "\n"
                + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n");
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("test_events_total").help("events").register(registry).inc(3);
        HttpHandler extra = exchange -> Responses.send(exchange, 200, "application/json", "{\"jobs\":[]}");
        server = ExporterServer.start(IDENTITY, Options.of("--web.listen-address=127.0.0.1:0",
                "--web.config.file=" + config), registry, Map.of("/api/v1/jobs", extra));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String user, String password, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            req.headers(headers);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyPathDemandsCredentials() throws Exception {
        for (String path : new String[] {"/", "/metrics", "/-/healthy", "/-/ready", "/api/v1/jobs", "/nope"}) {
            HttpResponse<byte[]> anonymous = get(path, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic "));
            assertThat(get(path, "prom", "wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "other", "s3cret").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(get("/", "prom", "s3cret").statusCode()).isEqualTo(200);
        assertThat(body(get("/", "prom", "s3cret"))).contains("Test Exporter").contains("href=\"/metrics\"");
        assertThat(body(get("/-/healthy", "prom", "s3cret"))).isNotEmpty();
        assertThat(body(get("/-/ready", "prom", "s3cret"))).contains("Ready");
        assertThat(body(get("/api/v1/jobs", "prom", "s3cret"))).isEqualTo("{\"jobs\":[]}");
        assertThat(get("/nope", "prom", "s3cret").statusCode()).isEqualTo(404);
    }

    @Test
    void configuredHeadersOnEveryResponse() throws Exception {
        assertThat(get("/metrics", "prom", "s3cret").headers().firstValue("X-Frame-Options")).hasValue("deny");
        assertThat(get("/metrics", null, null).headers().firstValue("X-Frame-Options")).hasValue("deny");
    }

    @Test
    void metricsWithBuildInfo() throws Exception {
        HttpResponse<byte[]> r = get("/metrics", "prom", "s3cret");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(
                "text/plain; version=0.0.4"));
        assertThat(body(r)).contains("test_events_total 3.0").contains("accelmon_build_info{exporter=\"test-exporter\""
                + ",java_version=\"" + System.getProperty("java.version") + "\",revision=\"abc1234\",version=\"1.2.3\"} 1");
    }

    @Test
    void gzipAndOpenMetricsNegotiation() throws Exception {
        HttpResponse<byte[]> gz = get("/metrics", "prom", "s3cret", "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(unzipped).contains("test_events_total 3.0");

        HttpResponse<byte[]> om = get("/metrics", "prom", "s3cret", "Accept",
                "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/openmetrics-text"));
        assertThat(body(om)).contains("test_events_total 3.0").endsWith("# EOF\n");

        HttpResponse<byte[]> pb = get("/metrics", "prom", "s3cret", "Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
        assertThat(pb.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/vnd.google.protobuf"));
    }

    @Test
    void boundExactlyToTheListenAddress() throws Exception {
        assertThat(server.address().host()).isEqualTo("127.0.0.1");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
        }
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.2", server.port()), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void secondServerOnTheSamePortNamesTheAddress() {
        assertThatThrownBy(() -> ExporterServer.start(IDENTITY,
                Options.of("--web.listen-address=127.0.0.1:" + server.port()), new PrometheusRegistry()))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void aFallbackAnswersUnmatchedPathsBehindTheSameAuthWhileFixedPathsStay() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());
        Path config = Files.writeString(dir.resolve("fallback-web.yml"), "basic_auth_users:\n  prom: " + hash + "\n");
        HttpHandler fallback = exchange -> Responses.send(exchange, 200, "text/plain",
                "api " + exchange.getRequestURI().getPath());
        server.close();
        server = ExporterServer.start(IDENTITY, Options.of("--web.listen-address=127.0.0.1:0",
                "--web.config.file=" + config), new PrometheusRegistry(), Map.of(), fallback);
        for (String path : new String[] {"/", "/metrics", "/-/healthy", "/-/ready", "/users/7", "/nope"}) {
            assertThat(get(path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "prom", "wrong").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(body(get("/users/7", "prom", "s3cret"))).isEqualTo("api /users/7");
        assertThat(body(get("/nope", "prom", "s3cret"))).isEqualTo("api /nope");
        assertThat(body(get("/", "prom", "s3cret"))).contains("Test Exporter").contains("href=\"/metrics\"");
        assertThat(body(get("/-/ready", "prom", "s3cret"))).contains("Ready");
        assertThat(body(get("/-/healthy", "prom", "s3cret"))).isNotEmpty().doesNotStartWith("api ");
        assertThat(body(get("/metrics", "prom", "s3cret"))).contains("accelmon_build_info");
    }
}
