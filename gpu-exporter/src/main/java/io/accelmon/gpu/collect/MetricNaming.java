package io.accelmon.gpu.collect;

import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.XidCounts;

/** Turns a snapshot into metric families under one naming scheme (accelmon's default, dcgm-exporter's, nvidia_gpu_exporter's). */
interface MetricNaming {

    /** @param xids Xid counts, or null for a source without events */
    void devices(GpuSnapshot snapshot, XidCounts xids, Workloads workloads, Families out);

    /** Whether accelmon's per-process and per-user families go along (a naming with its own leaves them out). */
    default boolean keepsProcessFamilies() {
        return true;
    }
}
