package io.accelmon.gpu.model;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A compute process on a GPU (host pid namespace), the GPU memory it uses when the driver reports it, and its SM
 * utilization: the mean ratio (0-1) of the driver's samples since the previous read, and the seconds that window
 * covers (0 on the first read, when the window is unknown).
 */
public record GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes,
                         OptionalDouble smUtilization, double smWindowSeconds) {

    public GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes) {
        this(gpuIndex, gpuUuid, pid, usedMemoryBytes, OptionalDouble.empty(), 0);
    }
}
