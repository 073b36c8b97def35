package io.accelmon.gpu.nvml;

import com.sun.jna.Pointer;

/** A GPU enumerated at start: its index, NVML handle ({@code null} when none could be had) and identity. */
public record NvmlGpu(int index, Pointer handle, String uuid, String name, String pciBusId) {
}
