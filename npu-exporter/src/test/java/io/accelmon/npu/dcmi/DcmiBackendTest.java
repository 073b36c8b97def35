package io.accelmon.npu.dcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.npu.collect.FakeNpuSmi;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.Reading;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.model.VirtualNpu;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs against target/fake-dcmi/libdcmi.so, compiled from src/test/c/fake_dcmi.c by the test build. */
class DcmiBackendTest {

    static final double MIB = 1024.0 * 1024.0;
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
        Chip good = s.chips().get(0);
        assertThat(good.health()).isEqualTo(Health.WARNING);
        assertThat(good.get(Reading.POWER_WATTS)).isEqualTo(123.4);
        assertThat(good.get(Reading.TEMPERATURE_CELSIUS)).isEqualTo(45.0);
        assertThat(good.get(Reading.AICORE_RATIO)).isEqualTo(0.37);
        assertThat(good.get(Reading.HBM_USED_BYTES)).isEqualTo(2048 * MIB);
        assertThat(good.get(Reading.HBM_TOTAL_BYTES)).isEqualTo(65536 * MIB);
        assertThat(good.modelName()).isEqualTo("910B3-Ascend-V1");
        assertThat(good.get(Reading.VECTOR_RATIO)).isEqualTo(0.12);
        assertThat(good.get(Reading.AICPU_RATIO)).isEqualTo(0.05);
        assertThat(good.get(Reading.VOLTAGE_VOLTS)).isEqualTo(0.86);
        assertThat(good.get(Reading.NETWORK_HEALTHY)).isEqualTo(1.0);
        assertThat(good.get(Reading.HBM_ECC_ENABLED)).isEqualTo(1.0);
        assertThat(good.get(Reading.HBM_SINGLE_AGGREGATE_ERRORS)).isEqualTo(3.0);
        assertThat(good.text(Attribute.SERIAL_NUMBER)).isEqualTo("033DRS10MB000123");
        assertThat(good.text(Attribute.PRODUCT_TYPE)).isEqualTo("Atlas 800T A2");
        assertThat(s.processes()).containsExactly(new NpuProcess(0, 0, 4242, "", 512, null),
                new NpuProcess(0, 0, 4343, "", 256, null));
        Chip broken = s.chips().get(1);
        assertThat(broken.health()).isEqualTo(Health.UNKNOWN);
        assertThat(broken.get(Reading.POWER_WATTS)).isNull();
        assertThat(broken.get(Reading.TEMPERATURE_CELSIUS)).isNull();
        assertThat(broken.get(Reading.NETWORK_HEALTHY)).isNull();
        assertThat(dcmi.reportFailures()).isPositive();
    }

    @Test
    void falls_back_to_npu_smi_per_field_for_the_erroring_chip() {
        NpuSmiBackend smi = new NpuSmiBackend(
                FakeNpuSmi.of("ok", "npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt"));
        DcmiBackend dcmi = DcmiBackend.open(LIB, smi);
        NpuSnapshot s = dcmi.collect(NpuSnapshot.none());
        Chip good = s.chips().get(0);
        assertThat(good.get(Reading.POWER_WATTS)).as("DCMI wins where it answers").isEqualTo(123.4);
        assertThat(good.text(Attribute.PCIE_BUS_INFO)).as("npu-smi fills what DCMI lacks").isEqualTo("0000:C1:00.0");
        Chip broken = s.chips().get(1);
        assertThat(broken.health()).isEqualTo(Health.OK);
        assertThat(broken.get(Reading.POWER_WATTS)).isEqualTo(93.6);
        assertThat(broken.get(Reading.TEMPERATURE_CELSIUS)).isEqualTo(44.0);
        assertThat(broken.get(Reading.HBM_USED_BYTES)).isEqualTo(3406 * MIB);
    }

    @Test
    void missing_library_or_failing_init_is_no_backend() {
        assertThat(DcmiBackend.open(Path.of("/nonexistent/libdcmi.so"), null)).isNull();
    }

    @Test
    void device_identity_voltage_network_and_ecc_flag_in_both_namings() throws Exception {
        NpuSnapshot s = DcmiBackend.open(LIB, null).collect(NpuSnapshot.none());
        String huawei = io.accelmon.npu.collect.NamingProbe.text(new io.accelmon.npu.collect.HuaweiNaming("0.1.0"), s);
        String l = "container_name=\"\",id=\"0\",model_name=\"910B3-Ascend-V1\",namespace=\"\",pcie_bus_info=\"\","
                + "pod_name=\"\",vdie_id=\"\"";
        assertThat(huawei).contains("npu_chip_info_voltage{" + l + "} 0.86")
                .contains("npu_chip_info_network_status{" + l + "} 1.0")
                .contains("npu_chip_info_hbm_ecc_enable_flag{" + l + "} 1.0")
                .contains("npu_chip_info_hbm_ecc_total_single_bit_error_cnt{" + l + "} 3.0")
                .contains("npu_chip_info_serial_number{" + l.replace("vdie_id", "serial_number=\"033DRS10MB000123\",vdie_id")
                        + "} 1.0")
                .contains("npu_chip_info_product_type{" + l.replace("pod_name=\"\",", "pod_name=\"\",product_type=\"Atlas 800T A2\",")
                        + "} 1.0")
                .doesNotContain("npu_chip_info_voltage{container_name=\"\",id=\"1\"");
        String accelmon = io.accelmon.npu.collect.NamingProbe.text(new io.accelmon.npu.collect.AccelmonNaming(), s);
        assertThat(accelmon).contains("npu_voltage_volts{chip=\"0\",id=\"0\"} 0.86")
                .contains("npu_network_healthy{chip=\"0\",id=\"0\"} 1.0")
                .contains("npu_hbm_ecc_enabled{chip=\"0\",id=\"0\"} 1.0")
                .contains("npu_product_info{chip=\"0\",id=\"0\",product_type=\"Atlas 800T A2\","
                        + "serial_number=\"033DRS10MB000123\"} 1.0")
                .contains("npu_hbm_frequency_hertz{chip=\"0\",id=\"0\"} 1.6E9");
    }

    @Test
    void virtual_npus_with_the_container_holding_them_in_both_namings() throws Exception {
        Path dev = java.nio.file.Files.createTempDirectory("vnpu-dev");
        java.nio.file.Files.createSymbolicLink(dev.resolve("vdavinci100"), Path.of("/dev/full"));
        Process holder = io.accelmon.npu.vnpu.DeviceHoldersTest.holdingDevFull();
        try {
            NpuSnapshot s = DcmiBackend.open(LIB, null,
                    new io.accelmon.npu.vnpu.DeviceHolders(Path.of("/proc"), dev)).collect(NpuSnapshot.none());
            assertThat(s.vnpus()).extracting(VirtualNpu::id).containsExactly(100, 103);
            VirtualNpu v = s.vnpus().get(0);
            assertThat(v.chip()).isEqualTo(new io.accelmon.npu.model.ChipKey(0, 0));
            assertThat(v.aicores()).isEqualTo(2.0);
            assertThat(v.aicoreRatio()).isEqualTo(0.35);
            assertThat(v.memoryTotalBytes()).isEqualTo(6 * 1024 * MIB);
            assertThat(v.memoryUsedBytes()).isEqualTo(2 * 1024 * MIB);
            assertThat(v.holders()).contains(holder.pid());
            assertThat(s.vnpus().get(1).holders()).isEmpty();
            java.util.Map<Long, io.accelmon.core.attribution.ProcessAttribution> owners = java.util.Map.of(holder.pid(),
                    new io.accelmon.core.attribution.ProcessAttribution(holder.pid(), "alice", "python3", "",
                            "c0ffee123456", "ml-team", "infer-0", "server"));
            String huawei = io.accelmon.npu.collect.NamingProbe.text(
                    new io.accelmon.npu.collect.HuaweiNaming("0.1.0"), s, owners);
            String l = "{aicore_count=\"2.00\",container_name=\"server\",id=\"0\",is_virtual=\"true\","
                    + "model_name=\"910B3-Ascend-V1\",namespace=\"ml-team\",pod_name=\"infer-0\",v_dev_id=\"100\"}";
            assertThat(huawei).contains("vnpu_pod_aicore_utilization" + l + " 35.0")
                    .contains("vnpu_pod_total_memory" + l + " 6291456.0")
                    .contains("vnpu_pod_used_memory" + l + " 2097152.0")
                    .as("a vNPU no container holds is not served, as Huawei does").doesNotContain("v_dev_id=\"103\"");
            String accelmon = io.accelmon.npu.collect.NamingProbe.text(
                    new io.accelmon.npu.collect.AccelmonNaming(), s, owners);
            String d = "{chip=\"0\",id=\"0\",vnpu_id=\"100\"}";
            assertThat(accelmon).contains("npu_vnpu_aicores" + d + " 2.0")
                    .contains("npu_vnpu_aicore_utilization_ratio" + d + " 0.35")
                    .contains("npu_vnpu_memory_total_bytes" + d + " " + 6 * 1024 * MIB)
                    .contains("npu_vnpu_memory_used_bytes" + d + " " + 2 * 1024 * MIB)
                    .contains("npu_vnpu_container_info{chip=\"0\",container=\"server\",container_id=\"c0ffee123456\","
                            + "id=\"0\",namespace=\"ml-team\",pod=\"infer-0\",vnpu_id=\"100\"} 1.0")
                    .contains("npu_vnpu_aicores{chip=\"0\",id=\"0\",vnpu_id=\"103\"} 1.0")
                    .doesNotContain("npu_vnpu_aicores{chip=\"0\",id=\"1\"");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void no_virtual_npu_families_where_no_chip_is_partitioned() throws Exception {
        NpuSnapshot s = new NpuSmiBackend(FakeNpuSmi.of("ok", null)).collect(NpuSnapshot.none());
        assertThat(s.vnpus()).isEmpty();
        assertThat(io.accelmon.npu.collect.NamingProbe.text(new io.accelmon.npu.collect.HuaweiNaming("0.1.0"), s))
                .doesNotContain("vnpu");
        assertThat(io.accelmon.npu.collect.NamingProbe.text(new io.accelmon.npu.collect.AccelmonNaming(), s))
                .doesNotContain("vnpu");
    }
}
