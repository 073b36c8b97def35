package io.accelmon.npu.model;

import java.util.List;
import java.util.Set;

/**
 * What one {@code npu-smi info} printed: the version from the header, chips, processes, the NPUs that said "No running
 * processes", trailing warnings, and whether the table looked whole. {@code problems} lists rows that could not be
 * understood (counted as parse errors) and, for a cut table, why it is incomplete.
 */
public record InfoTable(String version, List<ChipSample> chips, List<NpuProcess> processes,
                        Set<Integer> npusWithoutProcesses, List<String> warnings, boolean complete,
                        List<String> problems) {

    public static InfoTable empty() {
        return new InfoTable("", List.of(), List.of(), Set.of(), List.of(), true, List.of());
    }

    public boolean isEmpty() {
        return chips.isEmpty() && processes.isEmpty();
    }
}
