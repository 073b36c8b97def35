package io.accelmon.gpu.model;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A compute process on a GPU (host pid namespace), the GPU memory it uses when the driver reports it, and its SM
 * utilization: the mean ratio (0-1) of the driver's samples since the previous read, and the seconds that window
 * covers (0 on the first read, when the window is unknown), and its MIG GPU instance when the GPU is in MIG mode.
 */
public record GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes,
                         OptionalDouble smUtilization, double smWindowSeconds, OptionalInt gpuInstanceId) {

    public GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes) {
        this(gpuIndex, gpuUuid, pid, usedMemoryBytes, OptionalDouble.empty(), 0, OptionalInt.empty());
    }

    public GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes,
                      OptionalDouble smUtilization, double smWindowSeconds) {
        this(gpuIndex, gpuUuid, pid, usedMemoryBytes, smUtilization, smWindowSeconds, OptionalInt.empty());
    }

    /** This process with its SM utilization over a window of {@code seconds}. */
    public GpuProcess withUtilization(double ratio, double seconds) {
        return new GpuProcess(gpuIndex, gpuUuid, pid, usedMemoryBytes, OptionalDouble.of(ratio), seconds,
                gpuInstanceId);
    }
}
