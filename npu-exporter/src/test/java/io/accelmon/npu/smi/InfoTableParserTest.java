package io.accelmon.npu.smi;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.model.NpuProcess;
import org.junit.jupiter.api.Test;

class InfoTableParserTest {

    private static InfoTable parse(String capture) {
        return InfoTableParser.parse(Captures.read(capture));
    }

    private static TableRow chip(InfoTable t, int npu, int chip) {
        return t.chips().stream().filter(c -> c.npuId() == npu && c.chip() == chip).map(TableRow::new).findFirst()
                .orElseThrow();
    }

    @Test
    void a2_910B3_eight_chips_and_processes_with_empty_names() {
        InfoTable t = parse("npu-smi-info_910B3_8chips_procs-emptyname.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("25.3.rc1");
        assertThat(t.chips()).hasSize(8);
        TableRow c0 = chip(t, 0, 0);
        assertThat(c0.name()).isEqualTo("910B3");
        assertThat(c0.health()).isEqualTo(Health.OK);
        assertThat(c0.powerWatts()).isEqualTo(94.3);
        assertThat(c0.temperatureCelsius()).isEqualTo(53.0);
        assertThat(c0.hugepagesUsed()).isZero();
        assertThat(c0.hugepagesTotal()).isZero();
        assertThat(c0.busId()).isEqualTo("0000:C1:00.0");
        assertThat(c0.aicorePercent()).isEqualTo(0.0);
        assertThat(c0.memoryTotalMb()).as("0 / 0 DDR is no DDR").isNull();
        assertThat(c0.hbmUsedMb()).isEqualTo(4487);
        assertThat(c0.hbmTotalMb()).isEqualTo(65536);
        TableRow c7 = chip(t, 7, 0);
        assertThat(c7.powerWatts()).isEqualTo(91.5);
        assertThat(c7.busId()).isEqualTo("0000:42:00.0");
        assertThat(c7.hbmUsedMb()).isEqualTo(4482);
        assertThat(t.processes()).hasSize(16);
        assertThat(t.processes()).contains(new NpuProcess(0, 0, 2698909, "", 600, null),
                new NpuProcess(7, 0, 2698917, "", 600, null), new NpuProcess(2, 0, 2701552, "", 538, null));
        assertThat(t.npusWithoutProcesses()).isEmpty();
    }

    @Test
    void a3_dies_separated_by_dashes_with_dash_power_and_phy_ids() {
        InfoTable t = parse("npu-smi-info_A3-Ascend910_2npu-4chips_procs.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("25.2.0");
        assertThat(t.chips()).extracting(ChipSample::key).extracting(k -> k.npuId() + "/" + k.chip())
                .containsExactly("0/0", "0/1", "1/0", "1/1");
        assertThat(chip(t, 0, 0).powerWatts()).isEqualTo(162.8);
        assertThat(chip(t, 0, 1).powerWatts()).as("die 1 prints '-'").isNull();
        assertThat(chip(t, 0, 1).device()).isEqualTo(1);
        assertThat(chip(t, 1, 1).device()).isEqualTo(3);
        assertThat(chip(t, 1, 1).hbmUsedMb()).as("10568/ 65536 without a space").isEqualTo(10568);
        assertThat(chip(t, 1, 1).hbmTotalMb()).isEqualTo(65536);
        assertThat(chip(t, 1, 0).busId()).isEqualTo("0000:37:00.0");
        assertThat(chip(t, 1, 0).temperatureCelsius()).isEqualTo(38.0);
        assertThat(chip(t, 0, 0).name()).isEqualTo("Ascend910");
        assertThat(t.processes()).containsExactly(new NpuProcess(1, 1, 990711, "python", 7746, null));
        assertThat(t.npusWithoutProcesses()).containsExactly(0);
    }

    @Test
    void duo_310P3_non_contiguous_ids_shared_bus_id_na_power_and_critical() {
        InfoTable t = parse("npu-smi-info_310P3-Duo_4npu-8chips_critical_noprocs.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("25.0.rc1.b033");
        assertThat(t.chips()).hasSize(8);
        assertThat(t.chips()).extracting(ChipSample::npuId).containsExactly(1, 1, 2, 2, 4, 4, 5, 5);
        TableRow critical = chip(t, 4, 0);
        assertThat(critical.health()).isEqualTo(Health.CRITICAL);
        assertThat(critical.device()).isEqualTo(4);
        assertThat(critical.memoryUsedMb()).isEqualTo(1793);
        assertThat(critical.memoryTotalMb()).isEqualTo(44280);
        assertThat(critical.hbmTotalMb()).as("310P has no HBM column").isNull();
        assertThat(chip(t, 4, 1).health()).isEqualTo(Health.OK);
        assertThat(chip(t, 1, 0).busId()).isEqualTo(chip(t, 1, 1).busId()).isEqualTo("0000:01:00.0");
        assertThat(t.chips()).allSatisfy(c -> assertThat(new TableRow(c).powerWatts()).isNull());
        assertThat(chip(t, 5, 1).temperatureCelsius()).isEqualTo(56.0);
        assertThat(chip(t, 5, 1).memoryUsedMb()).isEqualTo(1292);
        assertThat(chip(t, 5, 1).memoryTotalMb()).isEqualTo(43693);
        assertThat(chip(t, 1, 0).hugepagesTotal()).isZero();
        assertThat(t.processes()).isEmpty();
        assertThat(t.npusWithoutProcesses()).containsExactlyInAnyOrder(1, 2, 4, 5);
    }

    @Test
    void elided_910B1_blog_copy_keeps_the_rows_it_has() {
        InfoTable t = parse("npu-smi-info_910B1_8chips_elided.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("23.0.rc2");
        assertThat(t.chips()).extracting(ChipSample::npuId).containsExactly(0, 1, 7);
        assertThat(chip(t, 0, 0).powerWatts()).isEqualTo(88.4);
        assertThat(chip(t, 1, 0).temperatureCelsius()).isEqualTo(47.0);
        assertThat(chip(t, 7, 0).hbmUsedMb()).isEqualTo(4174);
        assertThat(chip(t, 7, 0).hbmTotalMb()).isEqualTo(65536);
        assertThat(t.processes()).isEmpty();
    }

    @Test
    void wide_26x_layout_with_five_column_process_table() {
        InfoTable t = parse("npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("26.0.rc1");
        assertThat(t.chips()).hasSize(2);
        TableRow c0 = chip(t, 0, 0);
        assertThat(c0.powerWatts()).isEqualTo(424.0);
        assertThat(c0.temperatureCelsius()).isEqualTo(64.0);
        assertThat(c0.aicorePercent()).isEqualTo(100.0);
        assertThat(c0.hbmUsedMb()).isEqualTo(38711);
        assertThat(c0.hbmTotalMb()).isEqualTo(65536);
        assertThat(chip(t, 1, 0).powerWatts()).isEqualTo(93.6);
        assertThat(chip(t, 1, 0).hbmUsedMb()).isEqualTo(3406);
        assertThat(t.processes()).containsExactly(new NpuProcess(0, 0, 1504884, "", 35358, 412309L));
        assertThat(t.npusWithoutProcesses()).containsExactly(1);
    }

    @Test
    void ascend950_npu_id_layout_with_npu_util_and_process_table_keyed_by_npu() {
        InfoTable t = parse("npu-smi-info_950-AtlasA5_1npu_doc-anonymized.txt");
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        assertThat(t.version()).isEqualTo("x.x.x");
        assertThat(t.chips()).hasSize(1);
        TableRow c = chip(t, 0, 0);
        assertThat(c.name()).isEqualTo("xxx");
        assertThat(c.health()).isEqualTo(Health.OK);
        assertThat(c.powerWatts()).isEqualTo(204.4);
        assertThat(c.temperatureCelsius()).isEqualTo(56.0);
        assertThat(c.busId()).isEqualTo("0000:91:00.0");
        assertThat(c.npuUtilPercent()).isEqualTo(0.0);
        assertThat(c.aicorePercent()).as("950 prints NPU Util, not AICore").isNull();
        assertThat(c.hbmUsedMb()).isEqualTo(4439);
        assertThat(c.hbmTotalMb()).isEqualTo(86016);
        assertThat(t.npusWithoutProcesses()).containsExactly(0);
    }

    @Test
    void empty_output_is_no_data() {
        InfoTable t = InfoTableParser.parse("\n");
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.complete()).isTrue();
    }

    @Test
    void warning_after_table_trailing_spaces_and_310B_na_bus_id() {
        String text = """
                +--------------------------------------------------------------------------------------------------------+
                | npu-smi 23.0.0                                   Version: 23.0.0                                       |\s
                +-------------------------------+-----------------+------------------------------------------------------+
                | NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |\s
                | Chip    Device                | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |\s
                +===============================+=================+======================================================+
                | 0       310B4                 | Alarm           | 0.0          54                15    / 15            |\s
                | 0       0                     | NA              | 0            2291 / 11577                            |\s
                +===============================+=================+======================================================+
                [WARNING]The driver package may not be completely installed, which may cause function abnormal. Please reinstall it.
                """;
        InfoTable t = InfoTableParser.parse(text);
        assertThat(t.complete()).isTrue();
        assertThat(t.problems()).isEmpty();
        TableRow c = chip(t, 0, 0);
        assertThat(c.health()).isEqualTo(Health.ALARM);
        assertThat(c.powerWatts()).isEqualTo(0.0);
        assertThat(c.busId()).isEmpty();
        assertThat(c.hugepagesUsed()).isEqualTo(15);
        assertThat(c.memoryUsedMb()).isEqualTo(2291);
        assertThat(t.warnings()).singleElement().asString().startsWith("[WARNING]The driver package");
    }

    @Test
    void table_cut_in_the_middle_is_incomplete() {
        String full = Captures.read("npu-smi-info_910B3_8chips_procs-emptyname.txt");
        String cut = full.substring(0, full.indexOf("| 3     910B3") + 40);
        InfoTable t = InfoTableParser.parse(cut);
        assertThat(t.complete()).isFalse();
        assertThat(t.problems()).isNotEmpty();
        assertThat(t.chips()).extracting(ChipSample::npuId).containsExactly(0, 1, 2);
    }

    @Test
    void every_real_capture_with_its_process_section_is_whole() {
        for (String capture : new String[] {"npu-smi-info_910B3_8chips_procs-emptyname.txt",
            "npu-smi-info_A3-Ascend910_2npu-4chips_procs.txt", "npu-smi-info_310P3-Duo_4npu-8chips_critical_noprocs.txt",
            "npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt",
            "npu-smi-info_950-AtlasA5_1npu_doc-anonymized.txt"}) {
            assertThat(parse(capture).whole()).as(capture).isTrue();
        }
    }

    @Test
    void table_cut_at_a_border_between_chips_is_complete_but_not_whole() {
        String full = Captures.read("npu-smi-info_910B3_8chips_procs-emptyname.txt");
        String cut = full.substring(0, full.indexOf("| 4     910B3"));
        InfoTable t = InfoTableParser.parse(cut);
        assertThat(t.complete()).as("every printed row is whole").isTrue();
        assertThat(t.whole()).as("NPUs 4-7 and the process section are missing").isFalse();
        assertThat(parse("npu-smi-info_910B1_8chips_elided.txt").whole()).as("copied without its process section")
                .isFalse();
    }

    @Test
    void table_cut_at_a_border_inside_the_process_section_is_not_whole() {
        String full = Captures.read("npu-smi-info_910B3_8chips_procs-emptyname.txt");
        String cut = full.substring(0, full.indexOf("| 6       0"));
        InfoTable t = InfoTableParser.parse(cut);
        assertThat(t.complete()).isTrue();
        assertThat(t.chips()).hasSize(8);
        assertThat(t.whole()).as("NPUs 6 and 7 are not in the process section").isFalse();
        String idle = Captures.read("npu-smi-info_310P3-Duo_4npu-8chips_critical_noprocs.txt");
        InfoTable t2 = InfoTableParser.parse(idle.substring(0, idle.indexOf("| No running processes found in NPU 5")));
        assertThat(t2.whole()).isFalse();
    }

    @Test
    void garbage_is_no_table() {
        InfoTable t = InfoTableParser.parse("Segmentation fault\n\u0000\u0001 random bytes | not a table\n");
        assertThat(t.chips()).isEmpty();
    }
}
