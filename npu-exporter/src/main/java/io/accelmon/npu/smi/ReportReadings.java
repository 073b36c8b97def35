package io.accelmon.npu.smi;

import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.Reading;
import io.accelmon.npu.model.Source;
import java.util.List;
import java.util.Map;

/**
 * The table from {@code npu-smi info -t TYPE} keys to readings, with each key's unit: the one place that knows how
 * npu-smi spells a report field. Keys are matched ignoring case, spaces and punctuation.
 */
public final class ReportReadings {

    private static final double MIB = 1024.0 * 1024.0;

    /** One report key: its reading and the factor from npu-smi's unit to the base unit. */
    private record Field(String type, String key, Reading reading, double factor) {
    }

    /** One report key naming an attribute. */
    private record Text(String type, String key, Attribute attribute) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("common", "NPU Real-time Power(W)", Reading.POWER_WATTS, 1),
            new Field("common", "Temperature(C)", Reading.TEMPERATURE_CELSIUS, 1),
            new Field("common", "Aicore curFreq(MHZ)", Reading.AICORE_FREQUENCY_HERTZ, 1e6),
            new Field("common", "Aicore Freq(MHZ)", Reading.AICORE_MAX_FREQUENCY_HERTZ, 1e6),
            new Field("common", "Aicore Count", Reading.AICORE_COUNT, 1),
            new Field("common", "HBM Usage Rate(%)", Reading.HBM_USAGE_RATIO, 0.01),
            new Field("usages", "Aicore Usage Rate(%)", Reading.AICORE_RATIO, 0.01),
            new Field("usages", "Aicpu Usage Rate(%)", Reading.AICPU_RATIO, 0.01),
            new Field("usages", "Aivector Usage Rate(%)", Reading.VECTOR_RATIO, 0.01),
            new Field("usages", "Aicube Usage Rate(%)", Reading.CUBE_RATIO, 0.01),
            new Field("usages", "NPU Utilization(%)", Reading.NPU_UTIL_RATIO, 0.01),
            new Field("usages", "Ctrlcpu Usage Rate(%)", Reading.CTRLCPU_RATIO, 0.01),
            new Field("usages", "HBM Usage Rate(%)", Reading.HBM_USAGE_RATIO, 0.01),
            new Field("usages", "HBM Bandwidth Usage Rate(%)", Reading.HBM_BANDWIDTH_RATIO, 0.01),
            new Field("memory", "HBM Clock Speed(MHz)", Reading.HBM_FREQUENCY_HERTZ, 1e6),
            new Field("memory", "DDR Clock Speed(MHz)", Reading.DDR_FREQUENCY_HERTZ, 1e6),
            new Field("memory", "HBM Temperature(C)", Reading.HBM_TEMPERATURE_CELSIUS, 1));

    private static final List<Text> TEXTS = List.of(
            new Text("board-chip", "Chip Name", Attribute.CHIP_NAME),
            new Text("board-chip", "Chip Type", Attribute.CHIP_TYPE),
            new Text("board-chip", "Chip Version", Attribute.CHIP_VERSION),
            new Text("board-chip", "VDie ID", Attribute.VDIE_ID),
            new Text("board-chip", "PCIe Bus Info", Attribute.PCIE_BUS_INFO),
            new Text("board-chip", "Firmware Version", Attribute.FIRMWARE_VERSION),
            new Text("board", "Firmware Version", Attribute.FIRMWARE_VERSION));

    private ReportReadings() {
    }

    /**
     * The readings report {@code type} printed for {@code key}'s chip ({@code board-chip} is the per-chip board
     * report, {@code board} the card's).
     */
    public static ChipSample of(String type, ChipKey key, Map<String, String> values) {
        ChipSample s = new ChipSample(Source.REPORT, key);
        for (Field f : FIELDS) {
            if (f.type.equals(type)) {
                s.put(f.reading, scaled(KeyValueReport.find(values, f.key), f.factor));
            }
        }
        for (Text t : TEXTS) {
            if (t.type.equals(type) && s.get(t.attribute) == null) {
                s.put(t.attribute, KeyValueReport.find(values, t.key));
            }
        }
        if (type.equals("usages")) {
            ddr(values, s);
        }
        if (type.equals("ecc")) {
            for (String memory : new String[] {"DDR", "HBM"}) {
                for (String bit : new String[] {"Single", "Double"}) {
                    String prefix = memory + " " + bit + " Bit ";
                    s.put(Reading.ecc(memory, bit, Reading.EccKind.ERRORS),
                            scaled(KeyValueReport.find(values, prefix + "Error Count"), 1));
                    s.put(Reading.ecc(memory, bit, Reading.EccKind.AGGREGATE),
                            scaled(KeyValueReport.find(values, prefix + "Aggregate Total Err Cnt"), 1));
                    s.put(Reading.ecc(memory, bit, Reading.EccKind.ISOLATED_PAGES),
                            scaled(KeyValueReport.find(values, prefix + "Isolated Pages Count"), 1));
                }
            }
        }
        return s;
    }

    /** {@code -t usages} gives DDR as capacity (MB) and a usage rate (%). */
    private static void ddr(Map<String, String> values, ChipSample s) {
        Double cap = InfoTableParser.number(KeyValueReport.find(values, "DDR Capacity(MB)"));
        Double rate = InfoTableParser.number(KeyValueReport.find(values, "DDR Usage Rate(%)"));
        if (cap != null && cap > 0 && rate != null) {
            s.put(Reading.DDR_USED_BYTES, cap * rate / 100.0 * MIB).put(Reading.DDR_TOTAL_BYTES, cap * MIB);
        }
    }

    private static Double scaled(String text, double factor) {
        Double d = text == null ? null : InfoTableParser.number(text);
        return d == null ? null : d * factor;
    }
}
