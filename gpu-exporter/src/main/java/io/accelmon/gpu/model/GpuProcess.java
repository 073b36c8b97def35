package io.accelmon.gpu.model;

import java.util.OptionalLong;

/** A compute process on a GPU (host pid namespace) and the GPU memory it uses, when the driver reports it. */
public record GpuProcess(int gpuIndex, String gpuUuid, long pid, OptionalLong usedMemoryBytes) {
}
