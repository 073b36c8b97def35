package io.accelmon.gpu.testing;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built gpu-exporter jar run as a {@link JavaProcess} on a free loopback port, with its own environment. */
public final class ExporterProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/gpu-exporter.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;
    private final int port;

    private ExporterProcess(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ExporterProcess start(Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        int port = FreePorts.next();
        List<String> all = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:" + port));
        all.addAll(List.of(args));
        return new ExporterProcess(JavaProcess.startJar(JAR, log, port, env, all), port);
    }

    public int port() {
        return port;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    public ProcessHandle handle() {
        return process.handle();
    }

    public String log() {
        return process.log();
    }

    public String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + target() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /metrics -> " + r.statusCode());
        }
        return r.body();
    }

    /** The value of the sample line starting with {@code series} (exact name and labels as exposed), or NaN. */
    public static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        process.close();
    }
}
