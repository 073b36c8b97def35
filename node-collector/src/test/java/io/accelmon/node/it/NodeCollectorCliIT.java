package io.accelmon.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar's switches: a disabled collector's families are gone; an unknown flag exits 2 naming it. */
class NodeCollectorCliIT {

    @TempDir
    Path tmp;

    @Test
    void noCollectorCpuRemovesTheFamily() throws Exception {
        int port = FreePorts.next();
        try (JavaProcess nc = JavaProcess.startJar(NodeCompatibilityIT.JAR, tmp.resolve("nc.log"), port,
                List.of("--web.listen-address=127.0.0.1:" + port, "--no-collector.cpu"))) {
            Exposition e = Exposition.scrape(port);
            assertThat(e.has("node_cpu_seconds_total")).isFalse();
            assertThat(e.text()).doesNotContain("collector=\"cpu\"");
            assertThat(e.has("node_load1")).isTrue();
            assertThat(e.has("node_memory_MemTotal_bytes")).isTrue();
            assertThat(e.has("accelmon_user_processes")).as("users is off by default").isFalse();
        }
    }

    @Test
    void unknownFlagExitsTwoNamingTheFlag() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                NodeCompatibilityIT.JAR.toString(), "--collector.nosuch").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("--collector.nosuch");
    }
}
