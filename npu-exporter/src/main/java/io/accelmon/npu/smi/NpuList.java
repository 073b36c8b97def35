package io.accelmon.npu.smi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code npu-smi info -l}: {@code Total Count}, then an {@code NPU ID} / {@code Chip Count} block per NPU. */
public record NpuList(int totalCount, Map<Integer, Integer> chipCounts) {

    public static NpuList parse(String text) {
        int total = -1;
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        Integer npu = null;
        for (List<String[]> block : KeyValueReport.blocks(text == null ? "" : text)) {
            for (String[] kv : block) {
                String key = KeyValueReport.normalise(kv[0]);
                Integer value = InfoTableParser.integer(kv[1]);
                if (key.equals("totalcount") && value != null) {
                    total = value;
                } else if (key.equals("npuid")) {
                    npu = value;
                } else if (key.equals("chipcount") && npu != null && value != null) {
                    counts.put(npu, value);
                }
            }
        }
        return new NpuList(total, counts);
    }
}
