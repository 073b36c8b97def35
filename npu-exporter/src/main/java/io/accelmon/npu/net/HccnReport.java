package io.accelmon.npu.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code hccn_tool -i N -CMD -g} output as {@code key: value} pairs. hccn_tool prints {@code key: value},
 * {@code key : value} (padded) or {@code key:value}, some commands prefix every line with {@code [device N]}, and some
 * print a title line ({@code optical info:}, {@code packet statistics:}) with nothing after the colon. Keys are
 * normalised to lower-case letters and digits ({@code Tx Power} and {@code tx_power} match).
 */
public record HccnReport(Map<String, String> values) {

    private static final Pattern DEVICE_PREFIX = Pattern.compile("^\\[device\\s+\\d+]\\s*");
    private static final Pattern NUMBER = Pattern.compile("^[-+]?\\d+(\\.\\d+)?");

    public static HccnReport parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : (text == null ? "" : text).split("\\R")) {
            String line = DEVICE_PREFIX.matcher(raw.strip()).replaceFirst("");
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (!value.isEmpty()) {
                values.putIfAbsent(normalise(line.substring(0, colon)), value);
            }
        }
        return new HccnReport(Map.copyOf(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The text printed for {@code key}, or null. */
    public String text(String key) {
        return values.get(normalise(key));
    }

    /** The leading number of the value ({@code 4.4035 mW} is 4.4035), or null for NA, "not supported" or text. */
    public Double number(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(v);
        return m.find() ? Double.valueOf(m.group()) : null;
    }

    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
