package io.accelmon.gpu.model;

/**
 * One numeric reading of a GPU, in base units (bytes, watts, joules, hertz, celsius, percent 0-100, counts; the GPM
 * activities are ratios 0-1 and the GPM rates bytes per second). A device holds only the readings its source could
 * read: unsupported means absent, never 0.
 */
public enum Reading {
    UTILIZATION,
    MEMORY_UTILIZATION,
    MEMORY_USED_BYTES,
    MEMORY_TOTAL_BYTES,
    MEMORY_FREE_BYTES,
    MEMORY_RESERVED_BYTES,
    TEMPERATURE_CELSIUS,
    MEMORY_TEMPERATURE_CELSIUS,
    POWER_DRAW_WATTS,
    POWER_LIMIT_WATTS,
    ENERGY_JOULES,
    SM_CLOCK_HERTZ,
    MEMORY_CLOCK_HERTZ,
    PSTATE,
    PCIE_TX_BYTES,
    PCIE_RX_BYTES,
    PCIE_REPLAYS,
    ECC_CORRECTED_ERRORS,
    ECC_UNCORRECTED_ERRORS,
    REMAPPED_ROWS_CORRECTABLE,
    REMAPPED_ROWS_UNCORRECTABLE,
    REMAPPED_ROWS_PENDING,
    REMAPPED_ROWS_FAILURE,
    RETIRED_PAGES_SINGLE_BIT,
    RETIRED_PAGES_DOUBLE_BIT,
    RETIRED_PAGES_PENDING,
    FAN_SPEED_PERCENT,
    ENCODER_UTILIZATION,
    DECODER_UTILIZATION,
    MIG_MODE,
    GRAPHICS_CLOCK_HERTZ,
    VIDEO_CLOCK_HERTZ,
    GRAPHICS_CLOCK_MAX_HERTZ,
    MEMORY_CLOCK_MAX_HERTZ,
    /** NVML's nvmlComputeMode_t: 0 default, 1 exclusive thread, 2 prohibited, 3 exclusive process. */
    COMPUTE_MODE,
    /** NVLink fabric registration (nvmlGpuFabricState_t): 0 not supported, 1 not started, 2 in progress, 3 completed. */
    FABRIC_STATE,
    // GPM (Hopper and newer): averages over the background sampling interval
    GRAPHICS_ACTIVE_RATIO,
    SM_ACTIVE_RATIO,
    SM_OCCUPANCY_RATIO,
    TENSOR_ACTIVE_RATIO,
    DRAM_ACTIVE_RATIO,
    FP64_ACTIVE_RATIO,
    FP32_ACTIVE_RATIO,
    FP16_ACTIVE_RATIO,
    PCIE_TX_BYTES_PER_SECOND,
    PCIE_RX_BYTES_PER_SECOND,
    NVLINK_TX_BYTES_PER_SECOND,
    NVLINK_RX_BYTES_PER_SECOND,
    // NVLink error counters summed over the links
    NVLINK_CRC_FLIT_ERRORS,
    NVLINK_CRC_DATA_ERRORS,
    NVLINK_REPLAY_ERRORS,
    NVLINK_RECOVERY_ERRORS
}
