package io.accelmon.provisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/** A small client for the Prometheus HTTP API (v1) that turns every failure into one readable message. */
public final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final WebCredentials.Client credentials;

    public PrometheusApi(URI base, Duration timeout) {
        this(base, timeout, WebCredentials.Client.none());
    }

    /** A client that sends {@code credentials} to Prometheus and to the Alertmanagers it probes. */
    public PrometheusApi(URI base, Duration timeout, WebCredentials.Client credentials) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.credentials = credentials;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        credentials.ssl().ifPresent(b::sslContext);
        this.http = b.build();
    }

    /** Parses a user-given URL; bad input is an {@link IllegalArgumentException} with the value first. */
    public static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + url + "': not an http(s) URL, e.g. http://127.0.0.1:9090");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("'")) {
                throw e;
            }
            throw new IllegalArgumentException("'" + url + "': not a URL (" + e.getMessage() + ")");
        }
    }

    public URI base() {
        return base;
    }

    /** Instant query at the server's current time; returns {@code data.result}. */
    public JsonNode query(String expr) throws PrometheusException {
        return get("/api/v1/query?query=" + enc(expr)).path("data").path("result");
    }

    /** Instant query at {@code time}; returns {@code data.result}. */
    public JsonNode query(String expr, Instant time) throws PrometheusException {
        return get("/api/v1/query?query=" + enc(expr) + "&time=" + epoch(time)).path("data").path("result");
    }

    /** Range query; returns {@code data.result} (a matrix). */
    public JsonNode queryRange(String expr, Instant start, Instant end, Duration step) throws PrometheusException {
        return get("/api/v1/query_range?query=" + enc(expr) + "&start=" + epoch(start) + "&end=" + epoch(end)
                + "&step=" + step.toMillis() / 1000.0).path("data").path("result");
    }

    /** {@code /api/v1/targets?state=active}: the {@code data} object. */
    public JsonNode targets() throws PrometheusException {
        return get("/api/v1/targets?state=active").path("data");
    }

    /** {@code /api/v1/alertmanagers}: the {@code data} object. */
    public JsonNode alertmanagers() throws PrometheusException {
        return get("/api/v1/alertmanagers").path("data");
    }

    /** True when {@code path} on {@code base} answers 200 within the timeout; never throws. */
    public boolean probe(URI target) {
        try {
            HttpResponse<Void> r = http.send(request(target), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Prometheus' own readiness endpoint. */
    public boolean ready() {
        return probe(URI.create(base + "/-/ready"));
    }

    private JsonNode get(String pathAndQuery) throws PrometheusException {
        URI uri = URI.create(base + pathAndQuery);
        HttpResponse<String> r;
        try {
            r = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new PrometheusException("cannot reach Prometheus at " + base + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new PrometheusException("cannot reach Prometheus at " + base + ": no answer within " + timeout.toSeconds() + "s");
        } catch (SSLException e) {
            throw new PrometheusException("cannot reach Prometheus at " + base + ": TLS failed ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); --ca-file names the CA to trust");
        } catch (IOException e) {
            throw new PrometheusException("cannot reach Prometheus at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted while asking Prometheus at " + base);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new PrometheusException("Prometheus at " + base + " answered HTTP " + r.statusCode() + ": "
                    + (credentials.authorization().isEmpty() ? "it requires credentials (--username and --password-file,"
                            + " or --cluster with security.basic_auth)" : "the credentials were refused"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new PrometheusException(base + " answered HTTP " + r.statusCode() + " with no Prometheus API JSON"
                    + " (is this a Prometheus URL?)");
        }
        if (body == null || !"success".equals(body.path("status").asText())) {
            String err = body == null ? "" : body.path("errorType").asText("") + ": " + body.path("error").asText("");
            throw new PrometheusException("Prometheus at " + base + " refused " + pathAndQuery.replaceAll("\\?.*", "")
                    + " (HTTP " + r.statusCode() + ") " + err);
        }
        return body;
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        credentials.authorization().ifPresent(a -> b.header("Authorization", a));
        return b.build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String epoch(Instant t) {
        return String.valueOf(t.toEpochMilli() / 1000.0);
    }

    /** A failed call to Prometheus, with a message meant for the person running the command. */
    public static final class PrometheusException extends Exception {
        public PrometheusException(String message) {
            super(message);
        }
    }
}
