package io.accelmon.provisioning.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus duration ({@code 15s}, {@code 1h30m}, {@code 500ms}) held as milliseconds. */
public record PromDuration(long millis) implements Comparable<PromDuration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] FACTORS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    public PromDuration {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration");
        }
    }

    public static PromDuration ofSeconds(long s) {
        return new PromDuration(s * 1000);
    }

    public static PromDuration ofMinutes(long m) {
        return new PromDuration(m * 60_000);
    }

    /** Prometheus holds durations as int64 nanoseconds. */
    static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    /**
     * Parses Prometheus' duration syntax with exporter-core's parser (units largest first, each once: {@code 1m30s},
     * never {@code 30s1m}); adds exact arithmetic so a value past Prometheus' range is refused, not wrapped.
     */
    public static PromDuration parse(String text) {
        try {
            io.accelmon.core.cli.PromDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(text == null || text.isEmpty() ? "empty duration"
                    : "not a duration like 15s, 5m or 1h30m (units largest first, each once): '" + text + "'");
        }
        if (text.equals("0")) {
            return new PromDuration(0);
        }
        Matcher m = PART.matcher(text);
        int pos = 0;
        long total = 0;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("not a duration like 15s, 5m or 1h30m: '" + text + "'");
            }
            String unit = m.group(2);
            long factor = 0;
            for (int i = 0; i < UNITS.length; i++) {
                if (UNITS[i].equals(unit)) {
                    factor = FACTORS[i];
                }
            }
            total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), factor));
            pos = m.end();
        }
        if (total > MAX_MILLIS) {
            throw new IllegalArgumentException("'" + text + "' is longer than Prometheus' longest duration (292y)");
        }
        return new PromDuration(total);
    }

    /** As a {@link Duration}, for command-line options ({@code --timeout}, {@code --step}, {@code --from -1h}). */
    public Duration toDuration() {
        return Duration.ofMillis(millis);
    }

    public double seconds() {
        return millis / 1000.0;
    }

    /** Scales by a factor, never below one millisecond for a non-zero duration. */
    public PromDuration scale(double factor) {
        if (millis == 0) {
            return this;
        }
        return new PromDuration(Math.max(1, Math.round(millis * factor)));
    }

    @Override
    public int compareTo(PromDuration o) {
        return Long.compare(millis, o.millis);
    }

    /** Prometheus' canonical form: {@code 1h30m}, {@code 15s}, {@code 0s}. */
    @Override
    public String toString() {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNITS.length; i++) {
            long n = rest / FACTORS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                rest -= n * FACTORS[i];
            }
        }
        return sb.toString();
    }
}
