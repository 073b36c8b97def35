package io.accelmon.provisioning.check;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers Prometheus API calls with recorded JSON from test resources, keyed by path or by the PromQL expression,
 * so the commands can be run end to end without a Prometheus. Unknown calls get Prometheus' own error shape.
 */
public final class RecordedPrometheus implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> answers = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    public RecordedPrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String expr = param(rawQuery, "query");
            calls.add(path + (expr == null ? "" : " " + expr));
            String required = requiredAuthorization;
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            String body = expr != null ? answers.get(expr) : answers.get(path);
            int status = 200;
            if (body == null) {
                status = path.startsWith("/api/") ? 400 : 404;
                body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"not recorded: " + path + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code pathOrExpr} (an API path like /api/v1/targets, or a PromQL expression) with a resource file. */
    public RecordedPrometheus answer(String pathOrExpr, String resource) {
        answers.put(pathOrExpr, resource(resource));
        return this;
    }

    public RecordedPrometheus answerText(String pathOrExpr, String body) {
        answers.put(pathOrExpr, body);
        return this;
    }

    /** Answers 401, as Prometheus with a web config does, unless the request carries this basic-auth login. */
    public RecordedPrometheus requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> calls() {
        return calls;
    }

    public static String resource(String name) {
        try (InputStream in = RecordedPrometheus.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String param(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String kv : rawQuery.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
