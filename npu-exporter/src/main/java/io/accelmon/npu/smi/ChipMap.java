package io.accelmon.npu.smi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code npu-smi info -m}: one row per chip (and MCU) with NPU ID, Chip ID, Chip Logic ID (absent on 950), Chip
 * Phy-ID (A3, 950) and Chip Name. Columns are found from the header words; values are separated by two or more
 * spaces or a TAB, so names with one space ({@code Ascend 910A}) stay whole.
 */
public record ChipMap(List<Entry> entries) {

    /** One row; {@code logicId}/{@code phyId} are {@code null} when absent or {@code -} (MCU rows). */
    public record Entry(int npuId, int chipId, Integer logicId, Integer phyId, String chipName) {

        public boolean isMcu() {
            return chipName.toLowerCase(Locale.ROOT).startsWith("mcu");
        }
    }

    public static ChipMap parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> header = null;
        for (String raw : (text == null ? "" : text).split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cols = List.of(line.split("\\t+|\\s{2,}"));
            if (line.startsWith("NPU ID")) {
                header = cols;
                continue;
            }
            if (header == null) {
                continue;
            }
            Integer npu = get(cols, header, "NPU ID");
            Integer chip = get(cols, header, "Chip ID");
            if (npu == null || chip == null) {
                continue;
            }
            int nameIdx = header.indexOf("Chip Name");
            String name = nameIdx >= 0 && nameIdx < cols.size() ? cols.get(nameIdx).strip() : "";
            entries.add(new Entry(npu, chip, get(cols, header, "Chip Logic ID"), get(cols, header, "Chip Phy-ID"), name));
        }
        return new ChipMap(List.copyOf(entries));
    }

    private static Integer get(List<String> cols, List<String> header, String name) {
        int idx = header.indexOf(name);
        return idx >= 0 && idx < cols.size() ? InfoTableParser.integer(cols.get(idx)) : null;
    }
}
