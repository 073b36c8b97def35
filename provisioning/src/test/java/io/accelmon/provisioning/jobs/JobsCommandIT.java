package io.accelmon.provisioning.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.provisioning.AccelmonMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code accelmon jobs} against a real Prometheus fed by the npu-exporter's job monitor watching real short Python
 * processes: two ranks of one fake distributed training job and a serving job. Rank 1 ends while the exporter
 * watches (ended); the serving job dies while the exporter is down (lost); rank 0 keeps running.
 */
class JobsCommandIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = REPO.resolve("npu-exporter/target/npu-exporter.jar");
    private static final String JOB_PY = """
            import time
            try:
                import torch  # read by the job monitor's detector; torch need not be installed
            except ImportError:
                pass
            block = bytearray(32 * 1024 * 1024)
            end = time.process_time() + 0.3
            while time.process_time() < end:
                pass
            print("ready", flush=True)
            time.sleep(300)
            """;

    @TempDir
    Path dir;

    private final List<Process> jobs = new ArrayList<>();

    @Test
    void job_history_with_ranks_statuses_filters_and_stats() throws Exception {
        assertThat(JAR).as("built by the npu-exporter module before provisioning").exists();
        Map<String, String> rank = Map.of("TORCHELASTIC_RUN_ID", "fake-llama", "MASTER_ADDR", "10.9.9.9",
                "MASTER_PORT", "29500", "WORLD_SIZE", "2");
        Process rank0 = python("pretrain.py", with(rank, "RANK", "0"), "--batch_size", "32");
        Process rank1 = python("pretrain.py", with(rank, "RANK", "1"), "--batch_size", "32");
        Process serve = python("serve_api.py", Map.of(), "--port", "8000");
        int port = FreePorts.next();
        try (RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: npu-training
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {server_name: trs-01}
                """.formatted(port))) {
            Duration max = Duration.ofSeconds(60);
            try (JavaProcess exporter = exporter(port, "first")) {
                prom.awaitQuery("count(accelmon_job_distributed_info{distributed_job!=\"\"})", r -> r.size() == 1
                        && r.get(0).path("value").get(1).asInt() == 2, max);
                prom.awaitQuery("accelmon_job_info{job_name=\"serve_api.py\"}", r -> r.size() == 1, max);
                stop(rank1);
                // the exporter keeps reporting rank 1's last-seen time: the monitor saw it end. Ended means reported
                // for more than two steps (4 s) past it; a job seen running when its exporter went away is within
                // one job scan of its last report, and a scan held up on a loaded machine must not make it "ended"
                Thread.sleep(8000);
            }
            stop(serve); // dies while its exporter is down: nobody sees it go
            Thread.sleep(2000);
            try (JavaProcess exporter = exporter(port, "second")) {
                prom.awaitQuery("accelmon_job_info{job_name=\"pretrain.py\"}", r -> r.size() == 1, max);
                Thread.sleep(7000); // longer than --lost-after 5s since serve and rank 1 were last seen
                prom.awaitQuery("accelmon_job_info{job_name=\"pretrain.py\"}", r -> r.size() == 1, max);

                JsonNode all = new ObjectMapper().readTree(accelmon(prom, "--output", "json")).path("jobs");
                JsonNode r0 = byPid(all, rank0);
                JsonNode r1 = byPid(all, rank1);
                JsonNode sv = byPid(all, serve);
                assertThat(r0.path("status").asText()).isEqualTo("running");
                assertThat(r1.path("status").asText()).isEqualTo("ended");
                assertThat(sv.path("status").asText()).isEqualTo("lost");
                assertThat(r0.path("distributedJob").asText()).hasSize(16)
                        .isEqualTo(r1.path("distributedJob").asText());
                assertThat(List.of(r0.path("rank").asText(), r1.path("rank").asText())).containsExactly("0", "1");
                assertThat(sv.path("distributedJob").asText()).isEmpty();
                assertThat(r0.path("server").asText()).isEqualTo("trs-01");
                assertThat(r0.path("user").asText()).isEqualTo(System.getProperty("user.name"));
                assertThat(r0.path("framework").asText()).isEqualTo("torch");
                assertThat(r0.path("type").asText()).isEqualTo("training");
                assertThat(r0.path("cpuSeconds").asDouble()).isPositive();
                assertThat(r0.path("peakResidentBytes").asDouble()).isGreaterThan(32.0 * 1024 * 1024);
                assertThat(sv.path("type").asText()).isEqualTo("inference");

                String lost = accelmon(prom, "--status", "lost", "--output", "csv");
                assertThat(lost.lines()).hasSize(2).first().asString().startsWith("server,user,framework");
                assertThat(lost).contains("serve_api.py").doesNotContain("pretrain.py");
                assertThat(accelmon(prom, "--type", "training", "--status", "running,ended"))
                        .contains("pretrain.py").contains("running").contains("ended").doesNotContain("serve_api");
                assertThat(accelmon(prom, "--server", "elsewhere")).startsWith("no jobs in this window");
                assertThat(accelmon(prom, "--job-user", "nobody-else")).startsWith("no jobs in this window");
                String stats = accelmon(prom, "--stats");
                assertThat(stats).startsWith("3 jobs").contains("FRAMEWORK").contains("torch")
                        .contains("training").contains("inference");
            }
        } finally {
            jobs.forEach(Process::destroyForcibly);
        }
    }

    private JavaProcess exporter(int port, String name) throws Exception {
        return JavaProcess.startJar(JAR, dir.resolve("exporter-" + name + ".log"), port, List.of(
                "--web.listen-address=127.0.0.1:" + port, "--backend=npu-smi",
                "--npu-smi.path=" + REPO.resolve("npu-exporter/src/test/fake/npu-smi"), "--collection.interval=1s",
                "--jobs.lock-file=" + dir.resolve("jobs.lock")));
    }

    private String accelmon(RealPrometheus prom, String... args) {
        List<String> argv = new ArrayList<>(List.of("jobs", "--prometheus", prom.url(), "--from", "-10m",
                "--lost-after", "5s", "--step", "2s"));
        argv.addAll(List.of(args));
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(AccelmonMain.run(argv.toArray(String[]::new))).as(String.join(" ", argv)).isZero();
        } finally {
            System.setOut(oldOut);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode byPid(JsonNode jobs, Process p) {
        for (JsonNode j : jobs) {
            if (j.path("pid").asText().equals(Long.toString(p.pid()))) {
                return j;
            }
        }
        throw new AssertionError("no job with pid " + p.pid() + " in " + jobs.toPrettyString());
    }

    private Process python(String name, Map<String, String> env, String... args) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, JOB_PY);
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        jobs.add(p);
        InputStream in = p.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while (!sb.toString().contains("ready") && (c = in.read()) >= 0) {
            sb.append((char) c);
        }
        return p;
    }

    private static Map<String, String> with(Map<String, String> base, String k, String v) {
        Map<String, String> m = new HashMap<>(base);
        m.put(k, v);
        return m;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
