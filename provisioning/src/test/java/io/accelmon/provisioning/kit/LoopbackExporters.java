package io.accelmon.provisioning.kit;

import io.accelmon.core.testing.JavaProcess;
import io.accelmon.provisioning.render.CollectorTimeout;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real exporters of a loopback cluster file (examples/local-cluster.yaml) started from their jars: node-collector,
 * gpu-exporter on the fake nvidia-smi, npu-exporter on the fake npu-smi, the demo API with some traffic (requests that
 * answer and one that fails, so the request, latency and error families have series).
 */
final class LoopbackExporters implements AutoCloseable {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JavaProcess> started = new ArrayList<>();
    private final List<String> scrapes = new ArrayList<>();

    static LoopbackExporters start(ClusterSpec spec, Path tmp) throws Exception {
        LoopbackExporters stack = new LoopbackExporters();
        // as the kit's rollout runs them: a slow read is cut before Prometheus gives up on the whole scrape
        String timeout = CollectorTimeout.flag(spec.intervals().scrapeTimeout());
        try {
            for (Server s : spec.servers()) {
                for (var e : s.exporters().values()) {
                    stack.startExporter(e.kind(), e.port(), tmp, timeout);
                }
            }
            for (var api : spec.apiServices()) {
                stack.startJar("examples/demo-api/target/demo-api.jar", api.port(), tmp,
                        List.of("--web.listen-address=127.0.0.1:" + api.port()));
                stack.apiTraffic("http://127.0.0.1:" + api.port());
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Every exporter's scrape URL. */
    List<String> scrapes() {
        return scrapes;
    }

    private void startExporter(ExporterKind kind, int port, Path tmp, String timeout) throws Exception {
        String listen = "--web.listen-address=127.0.0.1:" + port;
        switch (kind) {
            case NODE -> startJar("node-collector/target/node-collector.jar", port, tmp,
                    List.of(listen, timeout, "--collector.users"));
            case GPU -> startJar("gpu-exporter/target/gpu-exporter.jar", port, tmp, List.of(listen, timeout,
                    "--backend=nvidia-smi", "--nvidia-smi.path=" + REPO.resolve("gpu-exporter/src/test/fake/nvidia-smi")));
            case NPU -> startJar("npu-exporter/target/npu-exporter.jar", port, tmp, List.of(listen, timeout,
                    "--npu-smi.path=" + REPO.resolve("npu-exporter/src/test/fake/npu-smi")));
        }
    }

    private void startJar(String jar, int port, Path tmp, List<String> args) throws Exception {
        Path p = REPO.resolve(jar);
        if (!Files.exists(p)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(jar + " missing in CI: build the reactor before provisioning");
            }
            Assumptions.abort(jar + " not built; build it (mvn -pl <module> package) to run this IT");
        }
        // A private copy: the JVM reads its jar lazily, so a rebuild of the module mid-test must not pull it away.
        Path copy = tmp.resolve("jars").resolve(port + "-" + p.getFileName());
        Files.createDirectories(copy.getParent());
        Files.copy(p, copy);
        scrapes.add("http://127.0.0.1:" + port + "/metrics");
        started.add(JavaProcess.startJar(copy, tmp.resolve(Path.of(jar).getFileName() + "-" + port + ".log"), port, args));
    }

    private void apiTraffic(String base) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(), HttpResponse.BodyHandlers.discarding());
        for (String body : List.of("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}",
                "not json")) {
            http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
