package io.accelmon.npu.model;

/**
 * A process holding device memory on a chip. {@code chip} is {@code null} when the layout keys processes by NPU only
 * (950); {@code name} may be empty (npu-smi cannot read names from inside a container); {@code containerPid} is the
 * pid inside the container when npu-smi prints it (26.x layout).
 */
public record NpuProcess(int npuId, Integer chip, long pid, String name, long memoryMb, Long containerPid) {

    public int chipOrZero() {
        return chip == null ? 0 : chip;
    }
}
