package io.accelmon.npu.collect;

import io.accelmon.npu.model.NpuSnapshot;
import java.util.List;
import java.util.Map;

/** A source of NPU snapshots (npu-smi, DCMI). Called only from the background loop, never from a scrape. */
public interface NpuBackend {

    /** {@code npu-smi} or {@code dcmi}. */
    String name();

    /** Collects one cycle; never throws: a failure is a snapshot with {@code backendUp=false}. */
    NpuSnapshot collect(NpuSnapshot previous);

    /** Outputs (or rows) that could not be parsed since start. */
    long parseErrors();

    /** Slow per-card reports that failed or timed out since start. */
    long reportFailures();

    /**
     * {@code npu-smi info} runs that timed out since start, by outcome: {@code kept} when the table printed before the
     * hang was whole and served, {@code dropped} when it was not; empty for a backend that runs no npu-smi.
     */
    default Map<String, Long> tableTimeouts() {
        return Map.of();
    }

    /** Changes of backend since start, (from, to) to count; empty for a backend that never changes. */
    default Map<List<String>, Long> transitions() {
        return Map.of();
    }
}
