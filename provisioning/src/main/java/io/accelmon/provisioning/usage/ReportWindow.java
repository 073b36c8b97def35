package io.accelmon.provisioning.usage;

import java.time.Duration;
import java.time.Instant;

/** A report's time range from {@code --from}, {@code --to} and {@code --step}, checked so Prometheus' range API answers it. */
public record ReportWindow(Instant start, Instant end) {

    /** Prometheus refuses a range query with more points than this per series. */
    static final int MAX_POINTS = 11_000;

    /** Throws {@link IllegalArgumentException} with a one-line reason naming the option at fault. */
    public static ReportWindow parse(String from, String to, Duration step, Instant now) {
        Instant start = TimeSpec.parse(from, now);
        Instant end = TimeSpec.parse(to, now);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("--from " + start + " is not before --to " + end);
        }
        if (step.toMillis() < 1000) {
            throw new IllegalArgumentException("--step " + step.toSeconds() + "s: must be at least 1s");
        }
        long points = Duration.between(start, end).toMillis() / step.toMillis();
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException("--step " + step.toSeconds() + "s gives " + points
                    + " samples over the window; Prometheus answers at most " + MAX_POINTS + ": use a larger --step");
        }
        return new ReportWindow(start, end);
    }
}
