package io.accelmon.npu.dcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.npu.collect.FakeNpuSmi;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.model.ChipReading;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs against target/fake-dcmi/libdcmi.so, compiled from src/test/c/fake_dcmi.c by the test build. */
class DcmiBackendTest {

    static final Path LIB = Path.of("target/fake-dcmi/libdcmi.so").toAbsolutePath();

    @Test
    void reads_dcmi_and_reports_the_erroring_chip_unknown_without_npu_smi() {
        DcmiBackend dcmi = DcmiBackend.open(LIB, null);
        assertThat(dcmi).isNotNull();
        NpuSnapshot s = dcmi.collect(NpuSnapshot.none());
        assertThat(s.backendUp()).isTrue();
        assertThat(s.backend()).isEqualTo("dcmi");
        assertThat(s.driverVersion()).isEqualTo("24.1.rc2");
        assertThat(s.chips()).hasSize(2);
        ChipReading good = s.chips().get(0).reading();
        assertThat(good.health()).isEqualTo(Health.WARNING);
        assertThat(good.powerWatts()).isEqualTo(123.4);
        assertThat(good.temperatureCelsius()).isEqualTo(45.0);
        assertThat(good.aicorePercent()).isEqualTo(37.0);
        assertThat(good.hbmUsedMb()).isEqualTo(2048);
        assertThat(good.hbmTotalMb()).isEqualTo(65536);
        assertThat(s.chips().get(0).modelName()).isEqualTo("910B3-Ascend-V1");
        assertThat(s.chips().get(0).details().number("usages", "Aivector Usage Rate(%)")).hasValue(12);
        assertThat(s.chips().get(0).details().number("usages", "Aicpu Usage Rate(%)")).hasValue(5);
        assertThat(s.processes()).containsExactly(new NpuProcess(0, 0, 4242, "", 512, null),
                new NpuProcess(0, 0, 4343, "", 256, null));
        ChipReading broken = s.chips().get(1).reading();
        assertThat(broken.health()).isEqualTo(Health.UNKNOWN);
        assertThat(broken.powerWatts()).isNull();
        assertThat(broken.temperatureCelsius()).isNull();
        assertThat(dcmi.reportFailures()).isPositive();
    }

    @Test
    void falls_back_to_npu_smi_per_field_for_the_erroring_chip() {
        NpuSmiBackend smi = new NpuSmiBackend(
                FakeNpuSmi.of("ok", "npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt"));
        DcmiBackend dcmi = DcmiBackend.open(LIB, smi);
        NpuSnapshot s = dcmi.collect(NpuSnapshot.none());
        ChipReading good = s.chips().get(0).reading();
        assertThat(good.powerWatts()).as("DCMI wins where it answers").isEqualTo(123.4);
        assertThat(good.busId()).as("npu-smi fills what DCMI lacks").isEqualTo("0000:C1:00.0");
        ChipReading broken = s.chips().get(1).reading();
        assertThat(broken.health()).isEqualTo(Health.OK);
        assertThat(broken.powerWatts()).isEqualTo(93.6);
        assertThat(broken.temperatureCelsius()).isEqualTo(44.0);
        assertThat(broken.hbmUsedMb()).isEqualTo(3406);
    }

    @Test
    void missing_library_or_failing_init_is_no_backend() {
        assertThat(DcmiBackend.open(Path.of("/nonexistent/libdcmi.so"), null)).isNull();
    }
}
