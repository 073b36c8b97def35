package io.accelmon.npu.model;

/** Where a reading came from, most trusted first: the order {@link Precedence} applies. */
public enum Source {
    /** libdcmi: read directly from the driver in this cycle. */
    DCMI,
    /** The {@code npu-smi info} table of this cycle. */
    TABLE,
    /** A per-card {@code npu-smi info -t TYPE} report, possibly some cycles old (the reports rotate). */
    REPORT
}
