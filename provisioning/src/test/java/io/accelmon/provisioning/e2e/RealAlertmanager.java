package io.accelmon.provisioning.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Debian's real {@code prometheus-alertmanager} on loopback, optionally gossiping with peers for HA. */
public final class RealAlertmanager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JavaProcess process;
    private final int port;

    private RealAlertmanager(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param clusterArgs its gossip flags ({@code --cluster.listen-address}, {@code --cluster.peer}, ...); gossip
     *                    intervals are shortened for every member so the HA proof stays quick
     */
    public static RealAlertmanager start(Path config, Path dir, int port, List<String> clusterArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Jars.binary("prometheus-alertmanager"),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.gossip-interval=100ms",
                "--cluster.pushpull-interval=2s",
                "--log.level=info"));
        cmd.addAll(clusterArgs);
        JavaProcess p = JavaProcess.start("alertmanager:" + port, cmd, Map.of(), dir.resolve("alertmanager.log"),
                "http://127.0.0.1:" + port + "/-/ready");
        return new RealAlertmanager(p, port);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/v2/alerts} (all states, inhibited and silenced included). */
    public JsonNode alerts() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()
                + "/api/v2/alerts?inhibited=true&silenced=true&active=true&unprocessed=true"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** {@code GET /api/v2/status}: cluster peers among others. */
    public JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()
                + "/api/v2/status")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
