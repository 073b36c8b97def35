package io.accelmon.gpu.nvml;

import io.accelmon.gpu.model.Reading;
import java.util.List;

/**
 * The {@code NVML_FI_*} field values read for every GPU in one {@code nvmlDeviceGetFieldValues} call: the field id
 * (nvml.h), the reading it fills and the factor from NVML's unit to the reading's base unit.
 */
enum NvmlField {
    MEMORY_TEMP(82, Reading.MEMORY_TEMPERATURE_CELSIUS, 1),
    PCIE_COUNT_TX_BYTES(197, Reading.PCIE_TX_BYTES, 1),
    PCIE_COUNT_RX_BYTES(198, Reading.PCIE_RX_BYTES, 1),
    PCIE_REPLAY_COUNTER(94, Reading.PCIE_REPLAYS, 1),
    RETIRED_SBE(29, Reading.RETIRED_PAGES_SINGLE_BIT, 1),
    RETIRED_DBE(30, Reading.RETIRED_PAGES_DOUBLE_BIT, 1),
    RETIRED_PENDING(31, Reading.RETIRED_PAGES_PENDING, 1),
    NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL(38, Reading.NVLINK_CRC_FLIT_ERRORS, 1),
    NVLINK_CRC_DATA_ERROR_COUNT_TOTAL(45, Reading.NVLINK_CRC_DATA_ERRORS, 1),
    NVLINK_REPLAY_ERROR_COUNT_TOTAL(52, Reading.NVLINK_REPLAY_ERRORS, 1),
    NVLINK_RECOVERY_ERROR_COUNT_TOTAL(59, Reading.NVLINK_RECOVERY_ERRORS, 1);

    /** Per-link NVLink data counters (scope id = link), in KiB. */
    static final int NVLINK_THROUGHPUT_DATA_TX = 138;
    static final int NVLINK_THROUGHPUT_DATA_RX = 139;

    static final List<NvmlField> ALL = List.of(values());

    final int id;
    final Reading reading;
    final double scale;

    NvmlField(int id, Reading reading, double scale) {
        this.id = id;
        this.reading = reading;
        this.scale = scale;
    }
}
