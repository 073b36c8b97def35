package io.accelmon.npu.smi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallReportsTest {

    @Test
    void chip_map_910A_tab_separated_with_names_containing_a_space() {
        ChipMap m = ChipMap.parse(Captures.read("npu-smi-info-m_910A_8chips.txt"));
        assertThat(m.entries()).hasSize(8);
        assertThat(m.entries().get(0)).isEqualTo(new ChipMap.Entry(0, 0, 0, null, "Ascend 910A"));
        assertThat(m.entries().get(7)).isEqualTo(new ChipMap.Entry(7, 0, 7, null, "Ascend 910A"));
    }

    @Test
    void chip_map_a3_with_phy_id_and_mcu_rows() {
        ChipMap m = ChipMap.parse("""
                \tNPU ID                         Chip ID                        Chip Logic ID                  Chip Phy-ID                    Chip Name
                \t0                              0                              0                              0                              Ascend 910
                \t0                              1                              1                              1                              Ascend 910
                \t0                              2                              -                              -                              Mcu
                """);
        assertThat(m.entries()).hasSize(3);
        assertThat(m.entries().get(1)).isEqualTo(new ChipMap.Entry(0, 1, 1, 1, "Ascend 910"));
        assertThat(m.entries().get(2).isMcu()).isTrue();
        assertThat(m.entries().get(2).logicId()).isNull();
    }

    @Test
    void list_910B_eight_npus() {
        NpuList l = NpuList.parse(Captures.read("npu-smi-info-l_910B_8npu_25.5.1.txt"));
        assertThat(l.totalCount()).isEqualTo(8);
        assertThat(l.chipCounts()).hasSize(8).containsEntry(0, 1).containsEntry(7, 1);
    }

    @Test
    void proc_mem_950_doc() {
        assertThat(ProcMemReport.parse(Captures.read("npu-smi-info-t-proc-mem-i0_950_doc.txt")))
                .containsExactly(new ProcMemReport.Entry(395864, "power_test", 5118));
    }

    @Test
    void help_910B1_lists_report_types() {
        var types = HelpText.reportTypes(Captures.read("npu-smi-info-h_910B1.txt"));
        assertThat(types).contains("board", "memory", "usages", "common", "health", "ecc", "proc-mem", "topo",
                "temp", "power");
        assertThat(types).doesNotContain("Options", "type", "-i");
        assertThat(types).hasSize(45);
    }

    @Test
    void help_empty_is_empty() {
        assertThat(HelpText.reportTypes("")).isEmpty();
        assertThat(ProcMemReport.parse("")).isEqualTo(List.of());
    }
}
