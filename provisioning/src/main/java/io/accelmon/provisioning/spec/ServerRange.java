package io.accelmon.provisioning.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the one bracket range a server entry's value may hold, the way Ansible inventories write them:
 * {@code trs-[01:64]} is trs-01 … trs-64 (zero-padded to the start's width when it has a leading zero),
 * {@code 10.0.1.[1:64]} is 10.0.1.1 … 10.0.1.64.
 */
final class ServerRange {

    /** More servers than this in one entry is almost surely a typo (and would make a huge config). */
    static final int MAX = 10_000;
    private static final Pattern RANGE = Pattern.compile("\\[(\\d{1,9}):(\\d{1,9})\\]");

    private ServerRange() {
    }

    static boolean isRange(String value) {
        return value.indexOf('[') >= 0 || value.indexOf(']') >= 0;
    }

    /** The values {@code value} stands for: itself when it has no range; else every value of the range, in order. */
    static List<String> expand(String value) {
        Matcher m = RANGE.matcher(value);
        if (!m.find()) {
            if (isRange(value)) {
                throw new IllegalArgumentException("'" + value + "' has a malformed range (write it like trs-[01:64])");
            }
            return List.of(value);
        }
        String prefix = value.substring(0, m.start());
        String suffix = value.substring(m.end());
        if (isRange(prefix) || isRange(suffix)) {
            throw new IllegalArgumentException("'" + value + "' may hold only one range");
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        if (end < start) {
            throw new IllegalArgumentException("'" + value + "': the range ends before it starts");
        }
        if (end - start + 1 > MAX) {
            throw new IllegalArgumentException("'" + value + "' stands for " + (end - start + 1)
                    + " servers (at most " + MAX + " per entry)");
        }
        int width = m.group(1).length() > 1 && m.group(1).charAt(0) == '0' ? m.group(1).length() : 0;
        String format = width > 0 ? "%0" + width + "d" : "%d";
        List<String> out = new ArrayList<>((int) (end - start + 1));
        for (long i = start; i <= end; i++) {
            out.add(prefix + String.format(Locale.ROOT, format, i) + suffix);
        }
        return out;
    }
}
