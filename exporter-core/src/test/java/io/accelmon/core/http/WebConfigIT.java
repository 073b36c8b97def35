package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.Await;
import io.accelmon.core.testing.Options;
import io.accelmon.core.testing.RealPrometheus;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS + basic auth from a web config file, scraped by the real Prometheus through https, tls_config, basic_auth. */
class WebConfigIT {

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesThroughTlsAndBasicAuthAndIsRefusedWithTheWrongPassword() throws Exception {
        TestCerts certs = new TestCerts(dir);
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "server.key");
        certs.issue("server", certs.file("server.key"));
        String hash = BCrypt.withDefaults().hashToString(10, "scrape-pw".toCharArray());
        Path web = Files.writeString(dir.resolve("web.yml"), """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  min_version: TLS12
                basic_auth_users:
                  prometheus: %s
                """.formatted(hash));
        Files.writeString(dir.resolve("good.pw"), "scrape-pw\n");
        Files.writeString(dir.resolve("bad.pw"), "not-the-pw\n");

        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge.builder().name("test_temperature_celsius").help("t").register(registry).set(42);
        try (ExporterServer server = ExporterServer.start(ExporterServerTest.IDENTITY,
                Options.of("--web.listen-address=127.0.0.1:0", "--web.config.file=" + web), registry)) {
            String target = "127.0.0.1:" + server.port();
            directChecks(server.port(), certs);
            String job = """
                      - job_name: %s
                        scheme: https
                        tls_config: {ca_file: %s, server_name: localhost}
                        basic_auth: {username: prometheus, password_file: %s}
                        static_configs: [{targets: ['%s']}]
                    """;
            String config = "global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n"
                    + job.formatted("good", certs.ca(), dir.resolve("good.pw"), target)
                    + job.formatted("bad", certs.ca(), dir.resolve("bad.pw"), target);
            try (RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), config)) {
                prom.awaitQuery("up{job=\"good\"} == 1", r -> r.size() == 1, Duration.ofSeconds(15));
                prom.awaitSeries("test_temperature_celsius{job=\"good\"} == 42", Duration.ofSeconds(5));
                prom.awaitQuery("up{job=\"bad\"} == 0", r -> r.size() == 1, Duration.ofSeconds(10));
                // each refused scrape checks a bcrypt hash; on a loaded machine one can run past the 1 s scrape
                // timeout, so the last error is read until it is the refusal
                String lastError = Await.until(Duration.ofSeconds(15), () -> badTargetError(prom),
                        e -> e.contains("401"));
                assertThat(lastError).contains("401");
            }
        }
    }

    private static String badTargetError(RealPrometheus prom) throws Exception {
        for (JsonNode t : prom.api("targets?state=active").path("data").path("activeTargets")) {
            if (t.path("labels").path("job").asText().equals("bad")) {
                return t.path("lastError").asText();
            }
        }
        throw new AssertionError("no active target of job bad");
    }

    /** Plain HTTP fails, each path needs credentials, gzip and OpenMetrics work over TLS. */
    private void directChecks(int port, TestCerts certs) throws Exception {
        // a plain-HTTP request to the TLS port gets no HTTP answer: the connection is closed (or reset)
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = s.getInputStream().readNBytes(5);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
        } catch (java.net.SocketException reset) {
            assertThat(reset.getMessage()).isNotEmpty();
        }

        HttpClient tls = HttpClient.newBuilder().sslContext(trusting(certs.ca()))
                .connectTimeout(Duration.ofSeconds(2)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("prometheus:scrape-pw".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/", "/metrics", "/-/healthy", "/-/ready"}) {
            URI uri = URI.create("https://localhost:" + port + path);
            assertThat(tls.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as(path).isEqualTo(401);
            assertThat(tls.send(HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
        }
        URI metrics = URI.create("https://localhost:" + port + "/metrics");
        HttpResponse<byte[]> gz = tls.send(HttpRequest.newBuilder(metrics).header("Authorization", auth)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
                StandardCharsets.UTF_8)).contains("test_temperature_celsius 42.0");
        HttpResponse<String> om = tls.send(HttpRequest.newBuilder(metrics).header("Authorization", auth)
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n");
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.certificates(ca).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
