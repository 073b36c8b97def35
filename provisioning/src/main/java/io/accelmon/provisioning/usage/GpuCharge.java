package io.accelmon.provisioning.usage;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a GPU price per minute is charged on, set by the prices file's {@code gpu_charge}: the minutes a user's
 * processes held a GPU (the default), or the minutes its SMs were busy for them (per-process SM utilization × time).
 */
public enum GpuCharge {
    HELD("held"),
    SM_BUSY("sm-busy");

    private final String key;

    GpuCharge(String key) {
        this.key = key;
    }

    /** The spelling in the prices file and in the JSON report. */
    public String key() {
        return key;
    }

    /** The value for a prices-file spelling, or empty. */
    static java.util.Optional<GpuCharge> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    static String spellings() {
        return Arrays.stream(values()).map(GpuCharge::key).collect(Collectors.joining(", "));
    }
}
