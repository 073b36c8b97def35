package io.accelmon.provisioning.usage;

import io.accelmon.provisioning.spec.PromDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses {@code --from}/{@code --to}: RFC 3339, a date (UTC midnight), unix seconds, {@code now}, or {@code -1h}. */
public final class TimeSpec {

    private TimeSpec() {
    }

    public static Instant parse(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        if (t.equals("now")) {
            return now;
        }
        if (t.startsWith("now-") || t.startsWith("-")) {
            String d = t.substring(t.indexOf('-') + 1);
            try {
                return now.minus(PromDuration.parse(d).toDuration());
            } catch (IllegalArgumentException e) {
                throw bad(t);
            }
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            BigDecimal s = new BigDecimal(t);
            return Instant.ofEpochMilli(s.movePointRight(3).longValue());
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw bad(t);
            }
        }
    }

    private static IllegalArgumentException bad(String t) {
        return new IllegalArgumentException("'" + t + "': not a time; use RFC 3339 (2026-02-01T00:00:00Z), "
                + "a date (2026-02-01, UTC), unix seconds (1767225600), 'now' or a relative time (-1h, now-30m)");
    }
}
