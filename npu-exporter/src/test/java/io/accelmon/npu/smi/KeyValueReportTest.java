package io.accelmon.npu.smi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyValueReportTest {

    private static KeyValueReport read(String capture) {
        return KeyValueReport.parse(Captures.read(capture));
    }

    @Test
    void usages_910A_tab_indented() {
        KeyValueReport r = read("npu-smi-info-t-usages-i0_910A.txt");
        assertThat(r.npuId()).isZero();
        assertThat(r.chips()).containsOnlyKeys(0);
        assertThat(r.number(0, "DDR Capacity(MB)")).hasValue(13553);
        assertThat(r.number(0, "DDR Usage Rate(%)")).hasValue(6);
        assertThat(r.number(0, "HBM Capacity(MB)")).hasValue(31129);
        assertThat(r.number(0, "Aicpu Usage Rate(%)")).hasValue(0);
        assertThat(r.number(0, "Aivector Usage Rate(%)")).isEmpty();
    }

    @Test
    void usages_910B_25_5_1_with_vector_npu_and_cube() {
        KeyValueReport r = read("npu-smi-info-t-usages-i0_910B_25.5.1.txt");
        assertThat(r.npuId()).isZero();
        assertThat(r.number(0, "HBM Capacity(MB)")).hasValue(65536);
        assertThat(r.number(0, "HBM Usage Rate(%)")).hasValue(5);
        assertThat(r.number(0, "Ctrlcpu Usage Rate(%)")).hasValue(6);
        assertThat(r.number(0, "Aivector Usage Rate(%)")).hasValue(0);
        assertThat(r.number(0, "NPU Utilization(%)")).hasValue(0);
        assertThat(r.number(0, "Aicube Usage Rate(%)")).hasValue(0);
    }

    @Test
    void common_910B1_with_mcu_block() {
        KeyValueReport r = read("npu-smi-info-t-common-i1_910B1.txt");
        assertThat(r.npuId()).isEqualTo(1);
        assertThat(r.number(0, "Aicore Freq(MHZ)")).hasValue(1800);
        assertThat(r.number(0, "Aicore curFreq(MHZ)")).hasValue(800);
        assertThat(r.number(0, "Aicore Count")).hasValue(24);
        assertThat(r.number(0, "Temperature(C)")).as("the chip's, not the MCU's").hasValue(46);
        assertThat(r.number(0, "NPU Real-time Power(W)")).hasValue(93.4);
        assertThat(r.number(0, "HBM Usage Rate(%)")).hasValue(4);
        assertThat(KeyValueReport.find(r.mcu(), "Temperature(C)")).isEqualTo("38");
    }

    @Test
    void board_npu_level_910A() {
        KeyValueReport r = read("npu-smi-info-t-board-i0_910A.txt");
        assertThat(r.npuId()).isZero();
        assertThat(r.value(0, "Software Version")).isEqualTo("23.0.5");
        assertThat(r.value(0, "Firmware Version")).isEqualTo("7.1.0.7.220");
        assertThat(r.value(0, "PCIe Bus Info")).isEqualTo("0000:61:00.0");
        assertThat(r.value(0, "PCI Device ID")).isEqualTo("0xD801");
        assertThat(r.number(0, "Chip Count")).hasValue(1);
    }

    @Test
    void board_chip_level_910A_gives_model_name_parts_and_vdie() {
        KeyValueReport r = read("npu-smi-info-t-board-i0-c0_910A.txt");
        assertThat(r.chips()).containsOnlyKeys(0);
        assertThat(r.value(0, "Chip Type")).isEqualTo("Ascend");
        assertThat(r.value(0, "Chip Name")).isEqualTo("910A");
        assertThat(r.value(0, "Chip Version")).isEqualTo("V1");
        assertThat(r.value(0, "VDie ID")).isEqualTo("42C711D4 20B03704 4A10C8D4 14CC040A D2102003");
        assertThat(r.value(0, "PCIe Bus Info")).isEqualTo("0000:61:00.0");
    }

    @Test
    void ecc_910A_doc_eight_space_indent() {
        KeyValueReport r = read("npu-smi-info-t-ecc-i1_910A_doc.txt");
        assertThat(r.npuId()).isEqualTo(1);
        assertThat(r.chips()).containsOnlyKeys(0);
        assertThat(r.number(0, "HBM Double Bit Error Count")).hasValue(0);
        assertThat(r.number(0, "DDR Single Bit Aggregate Total Err Cnt")).hasValue(0);
        assertThat(r.valuesFor(0)).hasSize(15);
    }

    @Test
    void health_950_doc_uses_health_key_and_na_error_code() {
        KeyValueReport r = read("npu-smi-info-t-health-i0_950_doc.txt");
        assertThat(r.npuId()).isZero();
        assertThat(r.value(0, "Health")).isEqualTo("OK");
        assertThat(r.value(0, "Error Code")).isEqualTo("NA");
        assertThat(HealthReport.of(r, 0).health()).isEqualTo(io.accelmon.npu.model.Health.OK);
        assertThat(HealthReport.of(r, 0).errorCodes()).isEmpty();
    }

    @Test
    void health_with_hex_error_codes() {
        KeyValueReport r = KeyValueReport.parse("""
                \tNPU ID                         : 0
                \tChip Count                     : 1

                \tHealth Status                  : Alarm
                \tError Code                     : 80E01801 80C98009
                \tError Information              : node type=SOC, sensor type=Software
                \tChip ID                        : 0
                """);
        HealthReport h = HealthReport.of(r, 0);
        assertThat(h.health()).isEqualTo(io.accelmon.npu.model.Health.ALARM);
        assertThat(h.errorCodes()).containsExactly("80E01801", "80C98009");
    }

    @Test
    void memory_950_doc() {
        KeyValueReport r = read("npu-smi-info-t-memory-i0_950_doc.txt");
        assertThat(r.number(0, "HBM Capacity(MB)")).hasValue(131072);
        assertThat(r.number(0, "HBM Clock Speed(MHz)")).hasValue(3200);
        assertThat(r.number(0, "HBM Temperature(C)")).hasValue(63);
        assertThat(r.number(0, "DDR Capacity(MB)")).hasValue(0);
    }

    @Test
    void power_910B_25_5_1() {
        KeyValueReport r = read("npu-smi-info-t-power-i0_910B_25.5.1.txt");
        assertThat(r.number(0, "NPU Real-time Power(W)")).hasValue(103.5);
    }

    @Test
    void temp_910B_25_5_1_npu_and_mcu_sensors() {
        KeyValueReport r = read("npu-smi-info-t-temp-i0_910B_25.5.1.txt");
        assertThat(r.number(0, "NPU Temperature(C)")).as("key printed with a space before (C)").hasValue(39);
        assertThat(KeyValueReport.find(r.mcu(), "LM75A_TE (C)")).isEqualTo("36");
        assertThat(KeyValueReport.find(r.mcu(), "LM75B_TE (C)")).isEqualTo("36");
    }

    @Test
    void empty_report_is_empty() {
        assertThat(KeyValueReport.parse("").isEmpty()).isTrue();
        assertThat(KeyValueReport.parse("\n\n").npuId()).isEqualTo(-1);
    }
}
