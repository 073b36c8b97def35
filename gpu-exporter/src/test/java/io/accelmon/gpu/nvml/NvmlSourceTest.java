package io.accelmon.gpu.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.accelmon.core.testing.Await;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.accelmon.gpu.testing.Captures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real JNA path against the fake libnvidia-ml built from src/test/c/fake_nvml.c (2 GPUs, loaded H100 values;
 * surefire sets FAKE_NVML_GPU_COUNT and FAKE_NVML_CONTROL).
 */
class NvmlSourceTest {

    static final Path CONTROL = Path.of(System.getenv("FAKE_NVML_CONTROL"));

    @BeforeEach
    @AfterEach
    void resetControl() throws Exception {
        Files.writeString(CONTROL, "");
    }

    @Test
    void readsTheH100CaptureValuesThroughJna() throws Exception {
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML.toString());
        assertThat(nvml.memoryInfoV2()).isTrue();
        assertThat(nvml.library().missingSymbols()).isEmpty();
        GpuSnapshot s = nvml.read();
        assertThat(s.driverVersion()).isEqualTo("580.159.04");
        assertThat(s.devices()).hasSize(2);
        GpuDevice d = s.devices().get(0);
        assertThat(d.uuid()).isEqualTo("GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03");
        assertThat(d.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(d.pciBusId()).isEqualTo("00000000:00:06.0");
        assertThat(s.devices().get(1).uuid()).isEqualTo("GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b01");
        assertThat(s.devices().get(1).pciBusId()).isEqualTo("00000000:01:06.0");
        Map<Reading, Double> r = d.readings();
        assertThat(r.get(Reading.UTILIZATION)).isEqualTo(100.0);
        assertThat(r.get(Reading.MEMORY_UTILIZATION)).isEqualTo(30.0);
        assertThat(r.get(Reading.MEMORY_TOTAL_BYTES)).isEqualTo(85520809984.0);
        assertThat(r.get(Reading.MEMORY_FREE_BYTES)).isEqualTo(83957579776.0);
        assertThat(r.get(Reading.MEMORY_RESERVED_BYTES)).isEqualTo(480.0 * 1024 * 1024);
        assertThat(r.get(Reading.MEMORY_USED_BYTES)).isEqualTo(1563230208.0 - 480.0 * 1024 * 1024);
        assertThat(r.get(Reading.TEMPERATURE_CELSIUS)).isEqualTo(58.0);
        assertThat(r.get(Reading.MEMORY_TEMPERATURE_CELSIUS)).isEqualTo(54.0);
        assertThat(r.get(Reading.POWER_DRAW_WATTS)).isCloseTo(695.76, within(1e-9));
        assertThat(r.get(Reading.POWER_LIMIT_WATTS)).isEqualTo(700.0);
        assertThat(r.get(Reading.ENERGY_JOULES)).isGreaterThanOrEqualTo(7464.209);
        assertThat(r.get(Reading.SM_CLOCK_HERTZ)).isEqualTo(1335e6);
        assertThat(r.get(Reading.MEMORY_CLOCK_HERTZ)).isEqualTo(2619e6);
        assertThat(r.get(Reading.PSTATE)).isZero();
        assertThat(r.get(Reading.ECC_CORRECTED_ERRORS)).isZero();
        assertThat(r.get(Reading.ECC_UNCORRECTED_ERRORS)).isZero();
        assertThat(r.get(Reading.REMAPPED_ROWS_CORRECTABLE)).isZero();
        assertThat(r.get(Reading.REMAPPED_ROWS_FAILURE)).isZero();
        assertThat(r.get(Reading.ENCODER_UTILIZATION)).isZero();
        assertThat(r.get(Reading.MIG_MODE)).isZero();
        assertThat(r.get(Reading.PCIE_TX_BYTES)).isPositive();
        assertThat(r.get(Reading.PCIE_RX_BYTES)).isPositive();
        assertThat(d.clockEventReasons()).hasValue(0x4L); // SW power cap, as in the loaded capture
        // counters move forward between reads
        GpuDevice again = nvml.read().devices().get(0);
        assertThat(again.readings().get(Reading.ENERGY_JOULES)).isGreaterThan(r.get(Reading.ENERGY_JOULES));
        assertThat(again.readings().get(Reading.PCIE_TX_BYTES)).isGreaterThan(r.get(Reading.PCIE_TX_BYTES));
    }

    @Test
    void notSupportedFieldsAreAbsentNeverZero() throws Exception {
        GpuDevice d = NvmlSource.open(Captures.FAKE_NVML.toString()).read().devices().get(0);
        assertThat(d.readings()).doesNotContainKeys(Reading.FAN_SPEED_PERCENT, Reading.RETIRED_PAGES_SINGLE_BIT,
                Reading.RETIRED_PAGES_DOUBLE_BIT, Reading.RETIRED_PAGES_PENDING);
        assertThat(d.reading(Reading.FAN_SPEED_PERCENT)).isEmpty();
    }

    @Test
    void olderDriverFallsBackToV1MemoryThrottleReasonsAndV2Processes() throws Exception {
        Files.writeString(CONTROL, "process=0:4242:1048576\n");
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML_OLD.toString());
        assertThat(nvml.library().missingSymbols()).containsExactlyInAnyOrder("nvmlDeviceGetMemoryInfo_v2",
                "nvmlDeviceGetCurrentClocksEventReasons", "nvmlDeviceGetComputeRunningProcesses_v3",
                // GPM arrived with NVML 11.8: an older library has none of it, and no GPM readings follow
                "nvmlGpmQueryDeviceSupport", "nvmlGpmSampleAlloc", "nvmlGpmSampleFree", "nvmlGpmSampleGet",
                "nvmlGpmMetricsGet", "nvmlGpmMigSampleGet");
        assertThat(nvml.memoryInfoV2()).isFalse();
        GpuSnapshot s = nvml.read();
        GpuDevice d = s.devices().get(0);
        assertThat(d.readings()).doesNotContainKey(Reading.MEMORY_RESERVED_BYTES);
        assertThat(d.readings().get(Reading.MEMORY_USED_BYTES)).isEqualTo(1563230208.0); // v1: reserved counted
        assertThat(d.clockEventReasons()).hasValue(0x4L);
        assertThat(s.processes()).singleElement().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(4242);
            assertThat(p.usedMemoryBytes()).hasValue(1048576);
        });
    }

    @Test
    void gpuTurningLostMidRunIsReportedLostWhileTheOtherIsServed() throws Exception {
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML.toString());
        assertThat(nvml.read().lostCount()).isZero();
        Files.writeString(CONTROL, "lost=1\n");
        GpuSnapshot s = nvml.read();
        assertThat(s.lostCount()).isEqualTo(1);
        GpuDevice lost = s.devices().get(1);
        assertThat(lost.lost()).isTrue();
        assertThat(lost.readings()).isEmpty();
        assertThat(lost.uuid()).endsWith("3b01");
        assertThat(s.devices().get(0).lost()).isFalse();
        assertThat(s.devices().get(0).readings()).containsEntry(Reading.UTILIZATION, 100.0);
    }

    @Test
    void computeProcessesComeWithPidAndBytesPerGpu() throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(CONTROL, "process=0:" + self + ":1073741824\nprocess=1:" + self + ":2048\nprocess=1:1:4096\n");
        GpuSnapshot s = NvmlSource.open(Captures.FAKE_NVML.toString()).read();
        assertThat(s.processes()).extracting(p -> p.gpuIndex() + ":" + p.pid() + ":" + p.usedMemoryBytes().orElse(-1))
                .containsExactly("0:" + self + ":1073741824", "1:" + self + ":2048", "1:1:4096");
    }

    @Test
    void xidEventsAreCountedPerGpuAndCode() throws Exception {
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML.toString());
        XidCounts xids = new XidCounts();
        try (XidWatcher watcher = XidWatcher.start(nvml, xids)) {
            Files.writeString(CONTROL, "xid=1:79\nxid=1:79\nxid=0:48\n");
            Await.until(Duration.ofSeconds(5), () -> xids.of(1).countByXid().getOrDefault(79L, 0L) >= 2
                    && !xids.of(0).countByXid().isEmpty(), Boolean::booleanValue);
        }
        assertThat(xids.of(1).countByXid()).containsExactly(Map.entry(79L, 2L));
        assertThat(xids.of(1).lastXid()).isEqualTo(79);
        assertThat(xids.of(0).countByXid()).containsExactly(Map.entry(48L, 1L));
    }

    @Test
    void missingLibraryOrFailedInitIsUnavailable() {
        assertThatThrownBy(() -> NvmlSource.open("/nonexistent/libnvidia-ml.so.1"))
                .isInstanceOf(NvmlUnavailableException.class).hasMessageContaining("cannot load");
    }
}
