package io.accelmon.gpu.smi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.testing.Captures;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmiCsvParserTest {

    private static final double MIB = 1024 * 1024;
    private final SmiQuery query = SmiQuery.fromHelp(Captures.read("help-query-gpu.txt"));

    @Test
    void helpOfferedByTheH100DriverGivesEveryWantedFieldUnderItsNewestName() {
        assertThat(query.fields()).containsExactly(SmiField.values());
        assertThat(query.asks("clocks_event_reasons.active")).isTrue();
        assertThat(query.asks("clocks.current.sm")).isTrue();
    }

    @Test
    void olderDriversHelpFallsBackToThrottleReasonsAndDropsUnknownFields() {
        String help = "\"index\"\nx\n\"uuid\" or \"gpu_uuid\"\n\"clocks_throttle_reasons.active\"\n\"temperature.gpu\"\n";
        SmiQuery old = SmiQuery.fromHelp(help);
        assertThat(old.argument()).isEqualTo("index,uuid,temperature.gpu,clocks_throttle_reasons.active");
    }

    @Test
    void idleCaptureMapsEveryValue() throws Exception {
        GpuSnapshot s = SmiCsvParser.parseGpus(query,
                Captures.select(query.argument(), Captures.read("query-gpu-all-nounits.csv")));
        assertThat(s.driverVersion()).isEqualTo("580.159.04");
        GpuDevice d = s.devices().get(0);
        assertIdentity(d);
        Map<Reading, Double> expected = common();
        expected.put(Reading.UTILIZATION, 0.0);
        expected.put(Reading.MEMORY_UTILIZATION, 0.0);
        expected.put(Reading.MEMORY_USED_BYTES, 0.0);
        expected.put(Reading.MEMORY_FREE_BYTES, 81079 * MIB);
        expected.put(Reading.TEMPERATURE_CELSIUS, 41.0);
        expected.put(Reading.MEMORY_TEMPERATURE_CELSIUS, 48.0);
        expected.put(Reading.POWER_DRAW_WATTS, 75.07);
        expected.put(Reading.SM_CLOCK_HERTZ, 345e6);
        expected.put(Reading.GRAPHICS_CLOCK_HERTZ, 345e6);
        expected.put(Reading.VIDEO_CLOCK_HERTZ, 765e6);
        assertThat(d.readings()).isEqualTo(expected);
        assertThat(d.clockEventReasons()).hasValue(0x1L);
    }

    @Test
    void loadedCaptureMapsEveryValue() throws Exception {
        GpuSnapshot s = SmiCsvParser.parseGpus(query,
                Captures.select(query.argument(), Captures.read("query-gpu-loaded-nounits.csv")));
        GpuDevice d = s.devices().get(0);
        assertIdentity(d);
        Map<Reading, Double> expected = common();
        expected.put(Reading.UTILIZATION, 100.0);
        expected.put(Reading.MEMORY_UTILIZATION, 30.0);
        expected.put(Reading.MEMORY_USED_BYTES, 1011 * MIB);
        expected.put(Reading.MEMORY_FREE_BYTES, 80069 * MIB);
        expected.put(Reading.TEMPERATURE_CELSIUS, 57.0);
        expected.put(Reading.MEMORY_TEMPERATURE_CELSIUS, 54.0);
        expected.put(Reading.POWER_DRAW_WATTS, 698.57);
        expected.put(Reading.SM_CLOCK_HERTZ, 1320e6);
        expected.put(Reading.GRAPHICS_CLOCK_HERTZ, 1320e6);
        expected.put(Reading.VIDEO_CLOCK_HERTZ, 1350e6);
        assertThat(d.readings()).isEqualTo(expected);
        assertThat(d.clockEventReasons()).hasValue(0x4L);
    }

    @Test
    void captureWithUnitsParsesLikeNounits() throws Exception {
        String withUnits = Captures.read("query-gpu-all.csv").lines().skip(1).findFirst().orElseThrow();
        GpuSnapshot units = SmiCsvParser.parseGpus(query, Captures.select(query.argument(), withUnits));
        GpuSnapshot plain = SmiCsvParser.parseGpus(query,
                Captures.select(query.argument(), Captures.read("query-gpu-all-nounits.csv")));
        // the two idle captures were taken moments apart: only the instantaneous power differs
        Map<Reading, Double> a = new EnumMap<>(units.devices().get(0).readings());
        Map<Reading, Double> b = new EnumMap<>(plain.devices().get(0).readings());
        assertThat(a.remove(Reading.POWER_DRAW_WATTS)).isEqualTo(75.07);
        b.remove(Reading.POWER_DRAW_WATTS);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void computeAppsCaptureGivesPidAndBytesOnTheRightGpu() throws Exception {
        String csv = Captures.read("query-apps-nounits.csv");
        // the capture holds pid, process_name, gpu_uuid, gpu_name, used_gpu_memory; we ask gpu_uuid,pid,used_memory
        String[] c = csv.strip().split(", ");
        String asked = c[2] + ", " + c[0] + ", " + c[4] + "\n";
        List<GpuProcess> p = SmiCsvParser.parseApps(asked, Map.of("GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03", 0));
        assertThat(p).singleElement().satisfies(proc -> {
            assertThat(proc.gpuIndex()).isZero();
            assertThat(proc.pid()).isEqualTo(536);
            assertThat(proc.usedMemoryBytes()).hasValue(1002L * 1024 * 1024);
        });
        assertThat(SmiCsvParser.parseApps("GPU-x, 7, [N/A]\n", Map.of("GPU-x", 3)).get(0).usedMemoryBytes())
                .isEmpty();
        assertThat(SmiCsvParser.parseApps("", Map.of())).isEmpty();
    }

    @Test
    void emptyTruncatedAndGarbageOutputAreParseErrors() {
        String full = Captures.select(query.argument(), Captures.read("query-gpu-all-nounits.csv"));
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, "")).isInstanceOf(SmiParseException.class);
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, full.substring(0, full.length() / 2)))
                .isInstanceOf(SmiParseException.class).hasMessageContaining("truncated");
        String twoGpus = full + full.replace("GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03", "GPU-other").replaceFirst("^0,", "1,");
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, twoGpus.substring(0, full.length() + 10)))
                .isInstanceOf(SmiParseException.class);
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, "0, GPU-x\n"))
                .isInstanceOf(SmiParseException.class).hasMessageContaining("columns");
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, full.replace("P0", "hello")))
                .isInstanceOf(SmiParseException.class).hasMessageContaining("P-state");
        assertThatThrownBy(() -> SmiCsvParser.parseGpus(query, "Unable to determine the device handle\n"))
                .isInstanceOf(SmiParseException.class);
        assertThatThrownBy(() -> SmiCsvParser.parseApps("garbage", Map.of())).isInstanceOf(SmiParseException.class);
    }

    private static void assertIdentity(GpuDevice d) {
        assertThat(d.index()).isZero();
        assertThat(d.uuid()).isEqualTo("GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03");
        assertThat(d.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(d.pciBusId()).isEqualTo("00000000:00:06.0");
        assertThat(d.lost()).isFalse();
    }

    /** Values equal in both captures; fan speed and retired pages are [N/A] on the H100 and so absent. */
    private static Map<Reading, Double> common() {
        Map<Reading, Double> m = new EnumMap<>(Reading.class);
        m.put(Reading.MEMORY_TOTAL_BYTES, 81559 * MIB);
        m.put(Reading.MEMORY_RESERVED_BYTES, 480 * MIB);
        m.put(Reading.POWER_LIMIT_WATTS, 700.0);
        m.put(Reading.MEMORY_CLOCK_HERTZ, 2619e6);
        m.put(Reading.PSTATE, 0.0);
        m.put(Reading.ECC_CORRECTED_ERRORS, 0.0);
        m.put(Reading.ECC_UNCORRECTED_ERRORS, 0.0);
        m.put(Reading.REMAPPED_ROWS_CORRECTABLE, 0.0);
        m.put(Reading.REMAPPED_ROWS_UNCORRECTABLE, 0.0);
        m.put(Reading.REMAPPED_ROWS_PENDING, 0.0);
        m.put(Reading.REMAPPED_ROWS_FAILURE, 0.0);
        m.put(Reading.ENCODER_UTILIZATION, 0.0);
        m.put(Reading.DECODER_UTILIZATION, 0.0);
        m.put(Reading.MIG_MODE, 0.0);
        m.put(Reading.GRAPHICS_CLOCK_MAX_HERTZ, 1980e6);
        m.put(Reading.MEMORY_CLOCK_MAX_HERTZ, 2619e6);
        return m;
    }
}
