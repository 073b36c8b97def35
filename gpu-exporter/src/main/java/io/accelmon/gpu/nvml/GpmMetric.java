package io.accelmon.gpu.nvml;

import io.accelmon.gpu.model.Reading;
import java.util.List;

/**
 * The NVML GPM metrics read (ids of {@code nvmlGpmMetricId_t}), the reading each fills and the factor from NVML's
 * unit (percent, MiB/s) to the reading's (ratio 0-1, bytes/s).
 */
enum GpmMetric {
    GRAPHICS_UTIL(1, Reading.GRAPHICS_ACTIVE_RATIO, 0.01),
    SM_UTIL(2, Reading.SM_ACTIVE_RATIO, 0.01),
    SM_OCCUPANCY(3, Reading.SM_OCCUPANCY_RATIO, 0.01),
    ANY_TENSOR_UTIL(5, Reading.TENSOR_ACTIVE_RATIO, 0.01),
    DRAM_BW_UTIL(10, Reading.DRAM_ACTIVE_RATIO, 0.01),
    FP64_UTIL(11, Reading.FP64_ACTIVE_RATIO, 0.01),
    FP32_UTIL(12, Reading.FP32_ACTIVE_RATIO, 0.01),
    FP16_UTIL(13, Reading.FP16_ACTIVE_RATIO, 0.01),
    PCIE_TX_PER_SEC(20, Reading.PCIE_TX_BYTES_PER_SECOND, 1024.0 * 1024.0),
    PCIE_RX_PER_SEC(21, Reading.PCIE_RX_BYTES_PER_SECOND, 1024.0 * 1024.0),
    NVLINK_TOTAL_RX_PER_SEC(60, Reading.NVLINK_RX_BYTES_PER_SECOND, 1024.0 * 1024.0),
    NVLINK_TOTAL_TX_PER_SEC(61, Reading.NVLINK_TX_BYTES_PER_SECOND, 1024.0 * 1024.0);

    static final List<GpmMetric> ALL = List.of(values());

    final int id;
    final Reading reading;
    final double scale;

    GpmMetric(int id, Reading reading, double scale) {
        this.id = id;
        this.reading = reading;
        this.scale = scale;
    }
}
