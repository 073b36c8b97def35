package io.accelmon.npu.collect;

import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.NpuSnapshot;
import java.time.Instant;
import java.util.List;

/** Builds the snapshot of a failed cycle. */
final class Snapshots {

    private Snapshots() {
    }

    /** The chips last known, health unknown and measurements dropped; the last success time is kept. */
    static NpuSnapshot failed(NpuSnapshot previous, String backend, String error) {
        List<Chip> chips = previous.chips().stream().map(Chip::unknown).toList();
        return new NpuSnapshot(Instant.now(), previous.lastSuccess(), false, backend, error, chips, List.of(),
                previous.driverVersion(), previous.logicIds());
    }
}
