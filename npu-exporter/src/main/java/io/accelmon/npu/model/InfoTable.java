package io.accelmon.npu.model;

import java.util.List;
import java.util.Set;

/**
 * What one {@code npu-smi info} printed: the version from the header, chips, processes, the NPUs that said "No running
 * processes", trailing warnings, and whether the table looked whole. {@code complete}: no row or border is cut and no
 * chip lacks its second row. {@code whole}: complete, and every section the structure implies is there and closed (the
 * process section names every NPU of the chip section), the test for output kept from a run that hung afterwards.
 * {@code problems} lists rows that could not be understood (counted as parse errors) and, for a cut table, why it is
 * incomplete.
 */
public record InfoTable(String version, List<ChipSample> chips, List<NpuProcess> processes,
                        Set<Integer> npusWithoutProcesses, List<String> warnings, boolean complete, boolean whole,
                        List<String> problems) {

    public static InfoTable empty() {
        return new InfoTable("", List.of(), List.of(), Set.of(), List.of(), true, true, List.of());
    }

    public boolean isEmpty() {
        return chips.isEmpty() && processes.isEmpty();
    }
}
