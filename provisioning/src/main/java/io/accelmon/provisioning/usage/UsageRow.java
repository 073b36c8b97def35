package io.accelmon.provisioning.usage;

import java.util.Map;

/**
 * One user's measured use of one server over the report window: GPU-seconds held per GPU model, SM-busy seconds per
 * GPU model (only models gpu-exporter measured per-process utilization on), CPU core-seconds, and the largest GPU
 * memory the user held at once on that server (summed over its GPUs).
 */
public record UsageRow(String user, String server, String hostname, Map<String, Double> gpuSecondsByModel,
                       Map<String, Double> smBusySecondsByModel, double cpuCoreSeconds, double peakGpuMemoryBytes) {

    public double gpuSeconds() {
        return gpuSecondsByModel.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double smBusySeconds() {
        return smBusySecondsByModel.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
