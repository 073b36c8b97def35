package io.accelmon.gpu.collect;

import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.XidCounts;

/** Turns a snapshot into metric families under one naming scheme (accelmon's default or dcgm-exporter's). */
interface MetricNaming {

    void devices(GpuSnapshot snapshot, XidCounts xids, Families out);
}
