package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;

class JobScannerTest {

    @TempDir
    Path dir;

    @Test
    void detects_a_python_training_script_and_a_configured_java_job_with_their_real_usage() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            Process py = TestJobs.startTrainPy(dir);
            started.add(py);
            Process java = TestJobs.startJava();
            started.add(java);
            FrameworkDetector detector = new FrameworkDetector(new JobsConfig(
                    List.of(new JobsConfig.Rule("SleepyTrainer", "custom", "training", "sleepy")), Map.of(), List.of()));
            ProcFs proc = new ProcFs();
            JobScanner scanner = new JobScanner(proc, new JobProcesses(new SystemInfo().getOperatingSystem(), proc),
                    detector, Duration.ofHours(1));
            // the accelerator's process table says the python job holds 600 MB on NPU 3
            List<Job> jobs = scanner.scan(List.of(new DeviceProcess(py.pid(), "npu3", 600L * 1024 * 1024)));

            Job pyJob = jobs.stream().filter(j -> j.proc().pid() == py.pid()).findFirst().orElseThrow();
            assertThat(pyJob.detection()).isEqualTo(new Detection("torch", "train.py", "training"));
            assertThat(pyJob.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(pyJob.proc().cpuSeconds()).isGreaterThanOrEqualTo(0.5);
            assertThat(pyJob.proc().residentBytes()).isGreaterThan(60L * 1024 * 1024);
            assertThat(pyJob.proc().threads()).isPositive();
            assertThat(pyJob.openFds()).isGreaterThanOrEqualTo(3);
            assertThat(pyJob.deviceMemory()).containsEntry("npu3", 600L * 1024 * 1024);
            assertThat(pyJob.cwd()).isNotEmpty();
            double start = ProcessHandle.of(py.pid()).orElseThrow().info().startInstant().orElseThrow()
                    .toEpochMilli() / 1000.0;
            assertThat(pyJob.startTimeSeconds()).isCloseTo(start, org.assertj.core.data.Offset.offset(2.0));
            // the id's start ticks, derived from OSHI's start time, are exactly field 22 of /proc/PID/stat
            String[] stat = Files.readString(Path.of("/proc/" + py.pid() + "/stat")).replaceFirst("^.*\\) ", "")
                    .split(" ");
            assertThat(pyJob.proc().startTicks()).isEqualTo(Long.parseLong(stat[19]));
            assertThat(pyJob.proc().pgid()).isEqualTo(Long.parseLong(stat[2]));
            assertThat(pyJob.proc().ppid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(pyJob.proc().comm()).startsWith("python3");
            assertThat(pyJob.proc().status()).isEqualTo("running");

            Job javaJob = jobs.stream().filter(j -> j.proc().pid() == java.pid()).findFirst().orElseThrow();
            assertThat(javaJob.detection()).isEqualTo(new Detection("custom", "sleepy", "training"));
            assertThat(javaJob.proc().cpuSeconds()).as("a JVM that started: real CPU time, however loaded the host")
                    .isGreaterThan(0.05);
            assertThat(javaJob.proc().residentBytes()).isGreaterThan(48L * 1024 * 1024);
            assertThat(javaJob.proc().threads()).isGreaterThan(5);

            List<Job> again = scanner.scan(List.of());
            assertThat(again.stream().filter(j -> j.proc().pid() == py.pid()).findFirst().orElseThrow().id())
                    .as("stable id").isEqualTo(pyJob.id());
            assertThat(jobs).noneMatch(j -> j.proc().pid() == ProcessHandle.current().pid());

            TestJobs.stop(List.of(py));
            List<Job> afterExit = scanner.scan(List.of());
            Job gone = afterExit.stream().filter(j -> j.id().equals(pyJob.id())).findFirst().orElseThrow();
            assertThat(gone.present()).isFalse();

            String json = JobsHandler.json(JobsHandler.report(again));
            assertThat(json).contains(dir.resolve("train.py") + " --epochs 3 --token ***\"")
                    .doesNotContain("s3cret").contains("\"framework\":\"torch\"");
        } finally {
            TestJobs.stop(started);
        }
    }
}
