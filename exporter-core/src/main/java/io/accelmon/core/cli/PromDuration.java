package io.accelmon.core.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Prometheus-style durations: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h}, {@code 1d}. */
public final class PromDuration {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private PromDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        long millis = 0;
        int end = 0;
        int lastRank = -1;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            // Prometheus wants units largest first, each at most once (1m30s, not 30s1m)
            int unitRank = rank(m.group(2));
            if (unitRank <= lastRank) {
                break;
            }
            lastRank = unitRank;
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': number too large");
            }
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                case "d" -> n * 86_400_000;
                case "w" -> n * 7 * 86_400_000;
                default -> n * 365 * 86_400_000;
            };
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 5s, 1m30s");
        }
        return Duration.ofMillis(millis);
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "y" -> 0;
            case "w" -> 1;
            case "d" -> 2;
            case "h" -> 3;
            case "m" -> 4;
            case "s" -> 5;
            default -> 6;
        };
    }

    /** Formats a duration the way Prometheus prints it ({@code 1m30s}, {@code 250ms}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] units = {86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                sb.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return sb.toString();
    }
}
