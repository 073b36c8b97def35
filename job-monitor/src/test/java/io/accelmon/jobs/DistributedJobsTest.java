package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;

/** Two real Python ranks of one fake distributed job, and a serving job beside them. */
class DistributedJobsTest {

    @TempDir
    Path dir;

    @Test
    void two_ranks_share_one_distributed_id_and_the_report_shows_parameters_but_no_other_environment()
            throws Exception {
        Files.writeString(dir.resolve("llama.yaml"), "model: llama\nbatch_size: 32\napi_key: abc123\n");
        Map<String, String> rank = Map.of("TORCHELASTIC_RUN_ID", "fake-llama", "MASTER_ADDR", "10.9.9.9",
                "MASTER_PORT", "29500", "WORLD_SIZE", "2", "HF_TOKEN", "hf_do_not_read");
        List<Process> started = new ArrayList<>();
        try {
            java.util.Map<String, String> env0 = new java.util.HashMap<>(rank);
            env0.put("RANK", "0");
            java.util.Map<String, String> env1 = new java.util.HashMap<>(rank);
            env1.put("RANK", "1");
            Process r0 = TestJobs.startPython(dir, "pretrain.py", env0, "--config", dir.resolve("llama.yaml")
                    .toString(), "--batch_size", "32", "--lr=1e-4", "--wandb_key", "w-secret");
            started.add(r0);
            Process r1 = TestJobs.startPython(dir, "pretrain.py", env1, "--config", dir.resolve("llama.yaml")
                    .toString(), "--batch_size", "32", "--lr=1e-4", "--wandb_key", "w-secret");
            started.add(r1);
            Process serve = TestJobs.startPython(dir, "serve_api.py", Map.of(), "--port", "8000");
            started.add(serve);
            ProcFs proc = new ProcFs();
            JobScanner scanner = new JobScanner(proc, new JobProcesses(new SystemInfo().getOperatingSystem(), proc),
                    new FrameworkDetector(JobsConfig.EMPTY), Duration.ofHours(1));
            List<Job> jobs = scanner.scan(List.of());
            Job j0 = job(jobs, r0);
            Job j1 = job(jobs, r1);
            assertThat(j0.distributed().id()).hasSize(16).isEqualTo(j1.distributed().id());
            assertThat(List.of(j0.distributed().rank(), j1.distributed().rank())).containsExactly("0", "1");
            assertThat(j0.distributed().worldSize()).isEqualTo("2");
            assertThat(job(jobs, serve).distributed()).isNull();
            assertThat(job(jobs, serve).detection().type()).isEqualTo("inference");

            JobMonitor monitor = new JobMonitor(scanner, List::of, Duration.ofHours(1));
            monitor.scanNow();
            String text = text(new JobCollector(monitor));
            assertThat(text).contains("accelmon_job_distributed_info{distributed_job=\"" + j0.distributed().id()
                    + "\",job_id=\"" + j0.id() + "\",launcher=\"\",node_rank=\"\",rank=\"0\",role=\"worker\","
                    + "world_size=\"2\"} 1")
                    .contains("rank=\"1\"").contains("accelmon_job_monitor_active 1")
                    .doesNotContain("batch_size").doesNotContain("llama.yaml");

            String report = JobsHandler.json(JobsHandler.report(monitor.latest(), 4096));
            assertThat(report).contains("\"batch_size\":\"32\"").contains("\"lr\":\"1e-4\"")
                    .contains("\"wandb_key\":\"***\"").contains("\"configFile\":\"" + dir.resolve("llama.yaml"))
                    .contains("model: llama").contains("api_key: ***")
                    .contains("\"source\":\"environment\"")
                    .doesNotContain("abc123").doesNotContain("w-secret").doesNotContain("hf_do_not_read")
                    .doesNotContain("HF_TOKEN");
            assertThat(JobsHandler.json(JobsHandler.report(monitor.latest()))).doesNotContain("configContent");

            TestJobs.stop(List.of(r1));
            monitor.scanNow();
            assertThat(text(new JobCollector(monitor))).as("a vanished rank keeps its distributed series")
                    .contains("rank=\"1\"");
        } finally {
            TestJobs.stop(started);
        }
    }

    @Test
    void without_rank_environment_no_environ_is_opened() throws Exception {
        Process r = TestJobs.startPython(dir, "pretrain.py", Map.of("RANK", "0", "MASTER_ADDR", "10.9.9.9",
                "MASTER_PORT", "1"));
        try {
            assertThat(new ProcFs().rankEnvironment(r.pid())).containsEntry("RANK", "0").doesNotContainKey("PATH");
            assertThat(new ProcFs().withoutEnvironment().rankEnvironment(r.pid())).isEmpty();
        } finally {
            TestJobs.stop(List.of(r));
        }
    }

    @Test
    void only_one_monitor_per_host_holds_the_claim() throws Exception {
        Path lock = dir.resolve("jobs.lock");
        HostClaim first = new HostClaim(lock);
        assertThat(first.held()).isTrue();
        // a second exporter is a second process: the lock is per process, so ask one
        Process other = new ProcessBuilder("python3", "-c", "import fcntl,sys; f=open(sys.argv[1],'w');"
                + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)", lock.toString()).redirectErrorStream(true).start();
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor()).as(out).isNotZero();
        assertThat(out).contains("BlockingIOError");
    }

    private static Job job(List<Job> jobs, Process p) {
        return jobs.stream().filter(j -> j.proc().pid() == p.pid()).findFirst().orElseThrow();
    }

    static String text(JobCollector c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricSnapshots.Builder b = MetricSnapshots.builder();
        c.collect().forEach(b::metricSnapshot);
        new PrometheusTextFormatWriter(false).write(out, b.build());
        return out.toString(StandardCharsets.UTF_8);
    }
}
