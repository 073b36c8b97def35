package io.accelmon.npu.model;

import java.util.Set;

/**
 * A virtual NPU (vNPU) carved out of a chip by Ascend's compute partitioning, in base units: its id (100-1123), the
 * AI Cores it was given, its AI Core utilisation (0-1) and memory, and the processes holding its device node
 * ({@code /dev/vdavinci<id>}) open. A reading the source did not give is null.
 */
public record VirtualNpu(ChipKey chip, int id, double aicores, Double aicoreRatio, Double memoryTotalBytes,
                         Double memoryUsedBytes, Set<Long> holders) {

    public VirtualNpu {
        holders = Set.copyOf(holders);
    }

    /** The device node name of this vNPU on the host. */
    public String deviceName() {
        return "vdavinci" + id;
    }
}
