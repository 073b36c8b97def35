package io.accelmon.npu;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar starts before npu-smi is installed, picks it up without a restart, and shows each change of backend. */
class BackendRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void npu_smi_installed_after_start_is_picked_up_and_the_transitions_are_counted() throws Exception {
        Path npuSmi = dir.resolve("npu-smi");
        Path mode = dir.resolve("mode");
        Files.writeString(mode, "ok");
        int port = FreePorts.next();
        try (JavaProcess exporter = JavaProcess.startJar(Path.of("target/npu-exporter.jar").toAbsolutePath(),
                dir.resolve("exporter.log"), port, List.of("--web.listen-address=127.0.0.1:" + port,
                        "--npu-smi.path=" + npuSmi, "--npu-smi.timeout=2s", "--collection.interval=500ms",
                        "--backend=npu-smi", "--jobs.enabled=false"))) {
            String url = "http://127.0.0.1:" + port + "/metrics";
            await(url, t -> t.contains("npu_exporter_backend_up{backend=\"none\"} 0"));
            Files.writeString(npuSmi, "#!/usr/bin/env bash\nexport FAKE_NPU_SMI_MODE_FILE=" + mode + "\nexec "
                    + Path.of("src/test/fake/npu-smi").toAbsolutePath() + " \"$@\"\n");
            npuSmi.toFile().setExecutable(true);
            await(url, t -> t.contains("npu_exporter_backend_up{backend=\"npu-smi\"} 1")
                    && t.contains("npu_exporter_backend_transitions_total{from=\"none\",to=\"npu-smi\"} 1"));
            Files.delete(npuSmi);
            await(url, t -> t.contains("npu_exporter_backend_transitions_total{from=\"npu-smi\",to=\"none\"} 1")
                    && t.contains("npu_health_status{chip=\"0\",id=\"0\"} -1"));
        }
    }

    private static String await(String url, Predicate<String> done) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (done.test(last)) {
                    return last;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out; last scrape:\n" + last);
    }
}
