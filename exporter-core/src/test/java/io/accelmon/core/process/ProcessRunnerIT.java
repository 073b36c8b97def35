package io.accelmon.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real bash scripts: timeouts kill the whole tree, output is capped, status and stderr are kept. */
class ProcessRunnerIT {

    @TempDir
    Path dir;

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        Path pids = dir.resolve("pids");
        // children in the background and in a subshell, then the script itself hangs
        Path script = Files.writeString(dir.resolve("hang.sh"), """
                sleep 60 & echo $! >> %1$s
                ( sleep 61 & echo $! >> %1$s; wait ) & echo $! >> %1$s
                until [ "$(wc -l < %1$s)" -ge 3 ]; do sleep 0.01; done
                echo started
                sleep 62
                """.formatted(pids));
        long start = System.nanoTime();
        ProcessResult r = new ProcessRunner().run(List.of("bash", script.toString()), Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.describeFailure()).isEqualTo("bash timed out after " + r.elapsed().toMillis() + " ms and was killed");
        // far below the 60 s the children would hold it, with room for a loaded machine
        assertThat(took).isLessThan(Duration.ofSeconds(2 + 8));
        assertThat(Files.readAllLines(pids)).hasSize(3);
        assertGone(pids);
    }

    @Test
    void aDaemonThatLeftTheTreeAndHoldsStdoutIsKilledAndTheTableKept() throws Exception {
        Path pids = dir.resolve("pids");
        // the subshell exits at once, so its sleep is re-parented to init: out of the tree, still holding stdout
        Path script = Files.writeString(dir.resolve("daemon.sh"), """
                printf '+------+\\n| NPU  |\\n+------+\\n'
                ( sleep 60 & echo $! >> %1$s )
                exit 0
                """.formatted(pids));
        ProcessResult r = new ProcessRunner().run(List.of("bash", script.toString()), Duration.ofSeconds(10));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).isEqualTo("+------+\n| NPU  |\n+------+\n");
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertGone(pids);
    }

    @Test
    void aHangAfterACompleteTableKeepsTheTableAndKillsTheEscapedGrandchild() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = Files.writeString(dir.resolve("hang-after-table.sh"), """
                echo 'NPU  Health'
                echo '0    OK'
                ( sleep 60 & echo $! >> %1$s )
                sleep 61 & echo $! >> %1$s
                wait
                """.formatted(pids));
        ProcessResult r = new ProcessRunner().run(List.of("bash", script.toString()), Duration.ofMillis(1500));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.stdout()).isEqualTo("NPU  Health\n0    OK\n");
        assertGone(pids);
    }

    /**
     * Every pid gone within a few seconds. A child that left the tree is killed with its process group, and SIGKILL is
     * asynchronous: the pipe it held can close (which ends the run) while the kernel is still tearing it down.
     */
    private static void assertGone(Path pids) throws Exception {
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).isNotEmpty();
        List<Long> running = Await.until(Duration.ofSeconds(5), () -> started.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessRunner::running).orElse(false)).toList(), List::isEmpty);
        assertThat(running).as("pids still running").isEmpty();
    }

    @Test
    void exitStatusAndStderrAreCaptured() throws IOException {
        ProcessResult r = new ProcessRunner().run(List.of("bash", "-c", "echo out; echo 'NVML: driver not loaded' >&2;"
                + " echo more >&2; exit 9"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(9);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("NVML: driver not loaded\nmore\n");
        assertThat(r.describeFailure()).isEqualTo("bash exited with status 9: NVML: driver not loaded");
    }

    @Test
    void outputIsCappedButTheToolIsDrainedToItsEnd() throws IOException {
        ProcessResult r = new ProcessRunner(1000, Map.of())
                .run(List.of("bash", "-c", "head -c 5000000 /dev/zero | tr '\\0' x; echo; exit 0"), Duration.ofSeconds(20));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).hasSize(1000).matches("x+");
    }

    @Test
    void environmentAndCLocale() throws IOException {
        ProcessResult r = new ProcessRunner(1 << 20, Map.of("ACCELMON_TEST", "42"))
                .run(List.of("bash", "-c", "echo $ACCELMON_TEST $LC_ALL; cat"), Duration.ofSeconds(10));
        assertThat(r.stdout()).isEqualTo("42 C\n");
        assertThat(r.succeeded()).isTrue();
    }

    @Test
    void missingBinaryIsAnIOException() {
        assertThatThrownBy(() -> new ProcessRunner().run(List.of("/nonexistent/nvidia-smi", "-q"), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("/nonexistent/nvidia-smi");
    }
}
