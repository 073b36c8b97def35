package io.accelmon.jobs;

/**
 * A process the accelerator's own tool lists as holding device memory: {@code device} is {@code npu<id>},
 * {@code npu<id>-<chip>} or {@code gpu<index>}, {@code memoryBytes} what it holds there. The exporter that owns the
 * accelerator supplies these (npu-smi or DCMI process table, NVML or nvidia-smi per-process memory).
 */
public record DeviceProcess(long pid, String device, long memoryBytes) {
}
