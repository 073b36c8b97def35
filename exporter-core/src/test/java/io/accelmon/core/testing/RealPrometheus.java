package io.accelmon.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.function.Predicate;

/**
 * Debian's real {@code prometheus} started on a free loopback port for integration tests, with helpers for its HTTP
 * API. Close it in a finally block / try-with-resources; the process is killed with its tree.
 */
public final class RealPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RealPrometheus(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The prometheus binary: {@code $PROMETHEUS_BIN}, else {@code prometheus} on PATH / /usr/bin. */
    public static String binary() {
        String env = System.getenv("PROMETHEUS_BIN");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Files.isExecutable(Path.of("/usr/bin/prometheus")) ? "/usr/bin/prometheus" : "prometheus";
    }

    /**
     * Starts prometheus with {@code config} written to {@code dir/prometheus.yml} (other files the config names, e.g.
     * rules, must already be in place) and waits until it is ready.
     */
    public static RealPrometheus start(Path dir, String config, String... extraArgs) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        return startWithConfigFile(dir, configFile, extraArgs);
    }

    /** Starts prometheus on an existing config file; its TSDB and log live under {@code dir}. */
    public static RealPrometheus startWithConfigFile(Path dir, Path configFile, String... extraArgs)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of(binary(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--log.level=warn"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        RealPrometheus prom = new RealPrometheus(p, port, dir);
        prom.awaitReady(Duration.ofSeconds(30));
        return prom;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady(Duration max) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("prometheus not ready after " + max + ":\n" + log());
    }

    /** GET {@code /api/v1/<path>} and return the parsed JSON (status must be success). */
    public JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/" + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException("GET /api/v1/" + pathAndQuery + " -> " + r.statusCode() + " " + r.body());
        }
        return body;
    }

    /** Instant query; returns the {@code data.result} array. Throws with Prometheus' message on a bad expression. */
    public JsonNode query(String expr) throws IOException, InterruptedException {
        return api("query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("data").path("result");
    }

    /** Polls {@code expr} until the result satisfies {@code done}; fails with the last result after {@code max}. */
    public JsonNode awaitQuery(String expr, Predicate<JsonNode> done, Duration max)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = query(expr);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("query '" + expr + "' did not reach the expected result within " + max
                + "; last result: " + last + "\nprometheus log:\n" + log());
    }

    /** Waits until the query returns at least one series. */
    public JsonNode awaitSeries(String expr, Duration max) throws IOException, InterruptedException {
        return awaitQuery(expr, r -> r.isArray() && r.size() > 0, max);
    }

    /** Waits until every active target reports health "up" and there are at least {@code count} of them. */
    public JsonNode awaitTargetsUp(int count, Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = api("targets?state=active").path("data").path("activeTargets");
            int up = 0;
            for (JsonNode t : targets) {
                if ("up".equals(t.path("health").asText())) {
                    up++;
                }
            }
            if (up >= count && up == targets.size()) {
                return targets;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("targets not all up within " + max + ": " + targets + "\n" + log());
    }

    /** POST /-/reload. */
    public void reload() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("reload failed: " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
