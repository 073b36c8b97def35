package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.core.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @Test
    void somethingDownExitsOneAndPrintsTheBlocks() throws Exception {
        try (RecordedPrometheus p = HealthFixtures.recorded()) {
            CommandRun run = CommandRun.of("check", "--prometheus", p.url());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).contains("[server] training (TRS, 127.0.0.1, singapore) - reachable");
            assertThat(run.out()).containsPattern("Alertmanager +- +UNKNOWN");
            assertThat(run.out()).containsPattern("Grafana +127.0.0.1:3000 +UP");
        }
    }

    @Test
    void allUpExitsZeroAndJsonParses() throws Exception {
        try (RecordedPrometheus p = HealthFixtures.recorded()) {
            p.answerText("/api/v1/targets", RecordedPrometheus.resource("check/targets.json")
                    .replace("\"health\":\"down\"", "\"health\":\"up\""));
            CommandRun run = CommandRun.of("check", "--prometheus", p.url() + "/", "--output", "json");
            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(new ObjectMapper().readTree(run.out()).path("status").asText()).isEqualTo("up");
        }
    }

    @Test
    void clusterServerWithoutTargetsIsReportedMissing(@TempDir Path tmp) throws Exception {
        // The local example cluster plus a fourth server that nothing scrapes.
        String local = Files.readString(RepoRoot.resolve("examples/local-cluster.yaml"));
        assertThat(local).contains("\nservers:\n");
        Path cluster = Files.writeString(tmp.resolve("cluster.yaml"), local.replace("\nservers:\n", "\nservers:\n"
                + "  - name: storage\n    role: storage\n    hostname: STS\n    address: 127.0.0.1\n"
                + "    exporters:\n      node: {port: 19130}\n"));
        try (RecordedPrometheus p = HealthFixtures.recorded()) {
            p.answerText("/api/v1/targets", RecordedPrometheus.resource("check/targets.json")
                    .replace("\"health\":\"down\"", "\"health\":\"up\""));
            CommandRun run = CommandRun.of("check", "--prometheus", p.url(), "--cluster", cluster.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("[server] storage").contains("MISSING");
        }
    }

    @Test
    void unreachablePrometheusExitsTwoWithAClearMessage() {
        int port = FreePorts.next();
        CommandRun run = CommandRun.of("check", "--prometheus", "http://127.0.0.1:" + port, "--timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Prometheus at http://127.0.0.1:" + port + ": connection refused");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void somethingThatIsNotPrometheusExitsTwo() throws Exception {
        try (RecordedPrometheus notProm = new RecordedPrometheus()) {
            CommandRun run = CommandRun.of("check", "--prometheus", notProm.url());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("refused /api/v1/targets");
        }
    }

    @Test
    void badInputExitsTwo(@TempDir Path tmp) throws Exception {
        assertThat(CommandRun.of("check", "--prometheus", "localhost:9090").err()).contains("not an http(s) URL");
        assertThat(CommandRun.of("check", "--prometheus", "localhost:9090").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("check").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("check", "--prometheus", "http://x", "--output", "xml").exitCode()).isEqualTo(2);
        Path bad = Files.writeString(tmp.resolve("c.yaml"), "servers: 3\n");
        try (RecordedPrometheus p = HealthFixtures.recorded()) {
            CommandRun run = CommandRun.of("check", "--prometheus", p.url(), "--cluster", bad.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("accelmon check: " + bad + ":");
        }
    }
}
