package io.accelmon.provisioning.usage;

import java.util.Map;

/**
 * One user's measured use of one server over the report window: GPU-seconds per GPU model, CPU core-seconds, and
 * the largest GPU memory the user held at once on that server (summed over its GPUs).
 */
public record UsageRow(String user, String server, String hostname, Map<String, Double> gpuSecondsByModel,
                       double cpuCoreSeconds, double peakGpuMemoryBytes) {

    public double gpuSeconds() {
        return gpuSecondsByModel.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
