package io.accelmon.npu.model;

import java.util.Locale;

/** An NPU chip's health as npu-smi and DCMI report it, with the exporter's numeric encoding. */
public enum Health {
    OK(0), WARNING(1), ALARM(2), CRITICAL(3), UNKNOWN(-1);

    private final int value;

    Health(int value) {
        this.value = value;
    }

    /** 0 OK, 1 Warning, 2 Alarm, 3 Critical, -1 unknown (the source failed or printed something else). */
    public int value() {
        return value;
    }

    /** The {@code state} label of {@code npu_chips}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses npu-smi's words (OK, Warning, Alarm, Critical, and the DCMI names minor/major). */
    public static Health parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "ok", "healthy", "normal" -> OK;
            case "warning", "minor" -> WARNING;
            case "alarm", "major", "general" -> ALARM;
            case "critical", "fatal", "emergency" -> CRITICAL;
            default -> UNKNOWN;
        };
    }

    /** True for the words {@link #parse} knows (used to find the health cell of a table row by content). */
    public static boolean isHealthWord(String text) {
        return text != null && (parse(text) != UNKNOWN || text.strip().equalsIgnoreCase("unknown"));
    }

    /** Maps DCMI's code: 0 ok, 1 minor, 2 major, 3 critical, anything else (0xFFFFFFFF: absent) unknown. */
    public static Health fromDcmi(long code) {
        return switch ((int) code) {
            case 0 -> OK;
            case 1 -> WARNING;
            case 2 -> ALARM;
            case 3 -> CRITICAL;
            default -> UNKNOWN;
        };
    }
}
