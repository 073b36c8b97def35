package io.accelmon.gpu.model;

import java.util.List;

/**
 * The clock event (throttle) reasons of NVML's {@code nvmlClocksEventReason*} bitmask, which nvidia-smi prints as
 * {@code clocks_event_reasons.active}. The label value is nvidia-smi's field suffix.
 */
public enum ClockEventReason {
    GPU_IDLE("gpu_idle", 0x1L),
    APPLICATIONS_CLOCKS_SETTING("applications_clocks_setting", 0x2L),
    SW_POWER_CAP("sw_power_cap", 0x4L),
    HW_SLOWDOWN("hw_slowdown", 0x8L),
    SYNC_BOOST("sync_boost", 0x10L),
    SW_THERMAL_SLOWDOWN("sw_thermal_slowdown", 0x20L),
    HW_THERMAL_SLOWDOWN("hw_thermal_slowdown", 0x40L),
    HW_POWER_BRAKE_SLOWDOWN("hw_power_brake_slowdown", 0x80L),
    DISPLAY_CLOCK_SETTING("display_clock_setting", 0x100L);

    private static final List<ClockEventReason> ALL = List.of(values());

    private final String label;
    private final long mask;

    ClockEventReason(String label, long mask) {
        this.label = label;
        this.mask = mask;
    }

    public String label() {
        return label;
    }

    public boolean activeIn(long bitmask) {
        return (bitmask & mask) != 0;
    }

    public static List<ClockEventReason> all() {
        return ALL;
    }
}
