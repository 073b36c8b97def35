package io.accelmon.npu.model;

/**
 * A chip measurement, always in base units (watts, volts, degrees Celsius, bytes, hertz, ratios 0-1, counts). Each
 * backend fills what it reads; {@link Precedence} decides which source wins; the namings map readings to families.
 */
public enum Reading {
    POWER_WATTS, VOLTAGE_VOLTS, TEMPERATURE_CELSIUS, HBM_TEMPERATURE_CELSIUS,
    AICORE_RATIO, AICPU_RATIO, VECTOR_RATIO, CUBE_RATIO, NPU_UTIL_RATIO, CTRLCPU_RATIO,
    HBM_USAGE_RATIO, HBM_BANDWIDTH_RATIO,
    HBM_USED_BYTES, HBM_TOTAL_BYTES, DDR_USED_BYTES, DDR_TOTAL_BYTES, HUGEPAGES_USED, HUGEPAGES_TOTAL,
    AICORE_FREQUENCY_HERTZ, AICORE_MAX_FREQUENCY_HERTZ, HBM_FREQUENCY_HERTZ, DDR_FREQUENCY_HERTZ, AICORE_COUNT,
    DDR_SINGLE_ERRORS, DDR_DOUBLE_ERRORS, HBM_SINGLE_ERRORS, HBM_DOUBLE_ERRORS,
    DDR_SINGLE_AGGREGATE_ERRORS, DDR_DOUBLE_AGGREGATE_ERRORS, HBM_SINGLE_AGGREGATE_ERRORS, HBM_DOUBLE_AGGREGATE_ERRORS,
    DDR_SINGLE_ISOLATED_PAGES, DDR_DOUBLE_ISOLATED_PAGES, HBM_SINGLE_ISOLATED_PAGES, HBM_DOUBLE_ISOLATED_PAGES,
    /** 1 when HBM ECC detection is enabled, 0 when not. */
    HBM_ECC_ENABLED,
    /** 1 when the chip's network (RoCE) health check passes, 0 when it fails. */
    NETWORK_HEALTHY,
    /** How many error codes {@code -t health} listed (present only when the health report was read). */
    ERROR_CODE_COUNT;

    /** The ECC reading for {@code memory} (ddr, hbm), {@code bit} (single, double) and {@code kind}. */
    public static Reading ecc(String memory, String bit, EccKind kind) {
        return valueOf(memory.toUpperCase(java.util.Locale.ROOT) + "_" + bit.toUpperCase(java.util.Locale.ROOT) + "_"
                + kind.suffix);
    }

    /** The three ECC counters npu-smi and DCMI report per memory and bit width. */
    public enum EccKind {
        ERRORS("ERRORS"), AGGREGATE("AGGREGATE_ERRORS"), ISOLATED_PAGES("ISOLATED_PAGES");

        private final String suffix;

        EccKind(String suffix) {
            this.suffix = suffix;
        }
    }
}
