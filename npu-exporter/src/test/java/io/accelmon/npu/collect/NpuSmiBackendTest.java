package io.accelmon.npu.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.Precedence;
import io.accelmon.npu.model.Reading;
import java.util.List;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.smi.Captures;
import io.accelmon.npu.smi.InfoTableParser;
import java.util.Map;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NpuSmiBackendTest {

    /** A successful snapshot of the default capture, built without running npu-smi. */
    static NpuSnapshot healthy() {
        InfoTable t = InfoTableParser.parse(Captures.read("npu-smi-info_910B3_8chips_procs-emptyname.txt"));
        Instant now = Instant.now();
        return new NpuSnapshot(now, now, true, "npu-smi", "",
                t.chips().stream().map(c -> Precedence.merge(c.key(), List.of(c))).toList(), t.processes(), t.version(),
                Map.of());
    }

    @Test
    void one_cycle_reads_the_table_and_one_cards_reports() {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("ok", null));
        NpuSnapshot s = backend.collect(NpuSnapshot.none());
        assertThat(s.backendUp()).isTrue();
        assertThat(s.chips()).hasSize(8);
        assertThat(s.processes()).hasSize(16);
        Chip first = s.chips().get(0);
        assertThat(first.modelName()).isEqualTo("910B3-Ascend-V1");
        assertThat(first.vdieId()).isEqualTo("42C711D4-20B03704-4A10C8D4-14CC040A-00002003");
        assertThat(first.get(Reading.VECTOR_RATIO)).isEqualTo(0.0);
        assertThat(first.get(Reading.AICORE_FREQUENCY_HERTZ)).isEqualTo(800e6);
        assertThat(s.driverVersion()).isEqualTo("23.0.5");
        assertThat(s.chips().get(1).get(Reading.VECTOR_RATIO)).as("other cards wait for their turn").isNull();
        NpuSnapshot second = backend.collect(s);
        assertThat(second.chips().get(1).get(Reading.VECTOR_RATIO)).isNotNull();
        assertThat(second.chips().get(0).get(Reading.VECTOR_RATIO)).as("kept from the first cycle").isNotNull();
        assertThat(backend.parseErrors()).isZero();
    }

    @Test
    void each_chip_of_a_replayed_multi_chip_capture_has_its_own_identity() {
        NpuSmiBackend backend = new NpuSmiBackend(
                FakeNpuSmi.of("ok", "npu-smi-info_A3-Ascend910_2npu-4chips_procs.txt"));
        NpuSnapshot s = NpuSnapshot.none();
        for (int i = 0; i < 4; i++) {
            s = backend.collect(s);
        }
        assertThat(s.chips()).hasSize(4).allSatisfy(c -> assertThat(c.modelName()).isEqualTo("Ascend910-V1"));
        assertThat(s.chips().stream().map(Chip::vdieId).distinct()).hasSize(4).doesNotContain("");
        assertThat(s.chips().get(1).vdieId()).endsWith("-00012003");
    }

    @Test
    void hang_is_killed_and_chips_turn_unknown_with_no_process_left() {
        NpuSnapshot before = healthy();
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("hang", null));
        Instant start = Instant.now();
        NpuSnapshot s = backend.collect(before);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(s.backendUp()).isFalse();
        assertThat(s.error()).contains("timed out");
        assertThat(s.chips()).hasSize(8).allSatisfy(c -> {
            assertThat(c.health()).isEqualTo(Health.UNKNOWN);
            assertThat(c.get(Reading.POWER_WATTS)).isNull();
        });
        assertThat(s.lastSuccess()).isEqualTo(before.lastSuccess());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("sleep") || c.contains("npu-smi")))
                .isEmpty();
    }

    @Test
    void non_zero_exit_is_a_failed_cycle_not_a_parse_error() {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("fail", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isFalse();
        assertThat(s.error()).contains("exited with status 255").contains("-8020");
        assertThat(backend.parseErrors()).isZero();
    }

    @Test
    void garbage_counts_a_parse_error() {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("garbage", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isFalse();
        assertThat(s.chips()).allSatisfy(c -> assertThat(c.health()).isEqualTo(Health.UNKNOWN));
        assertThat(backend.parseErrors()).isEqualTo(1);
    }

    @Test
    void empty_output_is_a_failed_cycle() {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("empty", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isFalse();
        assertThat(s.error()).contains("printed nothing");
    }

    @Test
    void table_cut_in_the_middle_counts_a_parse_error_and_keeps_the_chips_unknown() {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("truncated", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isFalse();
        assertThat(s.error()).contains("incomplete");
        assertThat(s.chips()).hasSize(8);
        assertThat(backend.parseErrors()).isEqualTo(1);
    }

    @Test
    void whole_table_printed_before_a_hang_is_kept_and_the_timeout_counted() throws Exception {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("whole-then-hang", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isTrue();
        assertThat(s.chips()).hasSize(8).allSatisfy(c -> {
            assertThat(c.health()).isEqualTo(Health.OK);
            assertThat(c.get(Reading.POWER_WATTS)).isNotNull();
        });
        assertThat(s.processes()).hasSize(16);
        assertThat(backend.tableTimeouts()).containsExactly(Map.entry("kept", 1L));
        assertThat(backend.parseErrors()).isZero();
        assertThat(leftovers()).isEmpty();
        SnapshotLoop loop = new SnapshotLoop(backend, Duration.ofHours(1));
        loop.cycle();
        String t = CollectorProbe.text(loop);
        assertThat(t).contains("npu_exporter_backend_up{backend=\"npu-smi\"} 1")
                .contains("npu_exporter_table_timeouts_total{outcome=\"kept\"} 2")
                .contains("npu_power_watts{chip=\"0\",id=\"7\"} 91.5");
    }

    @Test
    void half_a_table_printed_before_a_hang_is_a_failed_cycle_with_no_half_data() throws Exception {
        NpuSmiBackend backend = new NpuSmiBackend(FakeNpuSmi.of("half-then-hang", null));
        NpuSnapshot s = backend.collect(healthy());
        assertThat(s.backendUp()).isFalse();
        assertThat(s.error()).contains("timed out").contains("not whole");
        assertThat(s.chips()).hasSize(8).allSatisfy(c -> {
            assertThat(c.health()).isEqualTo(Health.UNKNOWN);
            assertThat(c.get(Reading.POWER_WATTS)).isNull();
        });
        assertThat(s.processes()).isEmpty();
        assertThat(backend.tableTimeouts()).containsExactly(Map.entry("dropped", 1L));
        assertThat(leftovers()).isEmpty();
        SnapshotLoop loop = new SnapshotLoop(backend, Duration.ofHours(1));
        loop.cycle();
        assertThat(CollectorProbe.text(loop)).contains("npu_exporter_backend_up{backend=\"npu-smi\"} 0")
                .contains("npu_exporter_table_timeouts_total{outcome=\"dropped\"} 2")
                .doesNotContain("npu_power_watts");
    }

    private static List<String> leftovers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("sleep") || c.contains("npu-smi"))
                .toList();
    }
}
