package io.accelmon.npu.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.process.ProcessRunner;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.smi.NpuSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real fake npu-smi appears, fails and disappears; the supervisor follows without a restart. */
class BackendSupervisorTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger probes = new AtomicInteger();

    private BackendSupervisor supervisor(Path npuSmi) {
        return new BackendSupervisor(() -> {
            probes.incrementAndGet();
            return Files.isExecutable(npuSmi) ? new NpuSmiBackend(
                    new NpuSmi(npuSmi, Duration.ofSeconds(2), new ProcessRunner())) : null;
        }, Duration.ofSeconds(1), Duration.ofSeconds(8), nanos::get);
    }

    private void install(Path npuSmi, Path modeFile, String mode) throws Exception {
        Files.writeString(modeFile, mode);
        Files.writeString(npuSmi, "#!/usr/bin/env bash\nexport FAKE_NPU_SMI_MODE_FILE=" + modeFile + "\nexec "
                + FakeNpuSmi.SCRIPT + " \"$@\"\n");
        npuSmi.toFile().setExecutable(true);
    }

    private void advance(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void probes_with_backoff_while_none_then_recovers_and_reprobes_a_failing_backend() throws Exception {
        Path npuSmi = dir.resolve("npu-smi");
        Path mode = dir.resolve("mode");
        BackendSupervisor sup = supervisor(npuSmi);
        NpuSnapshot s = sup.collect(NpuSnapshot.none());
        assertThat(s.backendUp()).isFalse();
        assertThat(sup.name()).isEqualTo("none");
        assertThat(probes).hasValue(1);

        advance(0.5);
        s = sup.collect(s);
        assertThat(probes).as("not due yet: first retry after 1 s").hasValue(1);
        assertThat(s.error()).contains("probing again");
        advance(0.6);
        sup.collect(s);
        assertThat(probes).hasValue(2);
        advance(1.5);
        sup.collect(s);
        assertThat(probes).as("backoff doubled to 2 s").hasValue(2);
        advance(0.6);
        sup.collect(s);
        assertThat(probes).hasValue(3);
        for (int i = 0; i < 10; i++) {
            advance(8.1);
            sup.collect(s);
        }
        assertThat(probes).as("backoff capped at 8 s: one probe per capped wait").hasValue(13);

        install(npuSmi, mode, "ok");
        advance(8.1);
        s = sup.collect(s);
        assertThat(s.backendUp()).isTrue();
        assertThat(sup.name()).isEqualTo("npu-smi");
        assertThat(sup.transitions()).isEqualTo(Map.of(List.of("none", "npu-smi"), 1L));

        Files.writeString(mode, "fail");
        for (int i = 0; i < BackendSupervisor.FAILURES_BEFORE_REPROBE - 1; i++) {
            assertThat(sup.collect(s).backendUp()).isFalse();
        }
        int before = probes.get();
        Files.delete(npuSmi);
        assertThat(sup.collect(s).backendUp()).isFalse();
        assertThat(probes).as("the third failure in a row probes again").hasValue(before + 1);
        assertThat(sup.name()).isEqualTo("none");
        assertThat(sup.transitions()).containsEntry(List.of("npu-smi", "none"), 1L);

        install(npuSmi, mode, "ok");
        advance(1.1);
        assertThat(sup.collect(s).backendUp()).as("back after the first retry, no restart").isTrue();
        assertThat(sup.transitions()).containsEntry(List.of("none", "npu-smi"), 2L);
    }

    @Test
    void a_failing_backend_that_a_probe_finds_again_is_kept_without_a_transition() throws Exception {
        Path npuSmi = dir.resolve("npu-smi");
        Path mode = dir.resolve("mode");
        install(npuSmi, mode, "fail");
        BackendSupervisor sup = supervisor(npuSmi);
        NpuSnapshot s = NpuSnapshot.none();
        for (int i = 0; i < 2 * BackendSupervisor.FAILURES_BEFORE_REPROBE; i++) {
            s = sup.collect(s);
        }
        assertThat(probes).hasValue(3);
        assertThat(sup.name()).isEqualTo("npu-smi");
        assertThat(sup.transitions()).containsOnlyKeys(List.of("none", "npu-smi"));
        Files.writeString(mode, "ok");
        assertThat(sup.collect(s).backendUp()).isTrue();
    }
}
