package io.accelmon.npu.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One complete collection cycle. When the cycle failed, {@code backendUp} is false and {@code chips} are the chips last
 * known with health unknown and no measurements, so a failing source never looks like a healthy, quiet node.
 * {@code lastSuccess} is when the last successful cycle finished (for {@code npu_exporter_snapshot_age_seconds}).
 * {@code vnpus} lists the virtual NPUs the chips are partitioned into (empty where there are none, and after a failed
 * cycle).
 */
public record NpuSnapshot(Instant takenAt, Instant lastSuccess, boolean backendUp, String backend, String error,
                          List<Chip> chips, List<NpuProcess> processes, String driverVersion,
                          Map<ChipKey, Integer> logicIds, List<VirtualNpu> vnpus) {

    public NpuSnapshot {
        vnpus = List.copyOf(vnpus);
    }

    /** A snapshot without virtual NPUs. */
    public NpuSnapshot(Instant takenAt, Instant lastSuccess, boolean backendUp, String backend, String error,
                       List<Chip> chips, List<NpuProcess> processes, String driverVersion,
                       Map<ChipKey, Integer> logicIds) {
        this(takenAt, lastSuccess, backendUp, backend, error, chips, processes, driverVersion, logicIds, List.of());
    }

    public static NpuSnapshot none() {
        return new NpuSnapshot(Instant.now(), null, false, "none", "no collection yet", List.of(), List.of(), "",
                Map.of());
    }
}
