package io.accelmon.npu.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the slow per-card reports said about one chip, by report type ({@code usages}, {@code common}, {@code board},
 * {@code memory}, {@code ecc}, ...), plus the active error codes of {@code -t health}. Values are kept as printed;
 * look-ups ignore case, spaces and punctuation.
 */
public record ChipDetails(Map<String, Map<String, String>> byType, List<String> errorCodes) {

    public static final ChipDetails NONE = new ChipDetails(Map.of(), List.of());

    public ChipDetails with(String type, Map<String, String> values) {
        Map<String, Map<String, String>> next = new LinkedHashMap<>(byType);
        next.put(type, Map.copyOf(values));
        return new ChipDetails(Map.copyOf(next), errorCodes);
    }

    public ChipDetails withErrorCodes(List<String> codes) {
        return new ChipDetails(byType, List.copyOf(codes));
    }

    public boolean has(String type) {
        return byType.containsKey(type);
    }

    /** The value of {@code key} in report {@code type}, or {@code null}. */
    public String text(String type, String key) {
        Map<String, String> values = byType.get(type);
        if (values == null) {
            return null;
        }
        String wanted = normalise(key);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (normalise(e.getKey()).equals(wanted)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The first of {@code keys} that report {@code type} printed as a number. */
    public OptionalDouble number(String type, String... keys) {
        for (String key : keys) {
            String v = text(type, key);
            if (v != null) {
                try {
                    double d = Double.parseDouble(v.strip());
                    if (Double.isFinite(d)) {
                        return OptionalDouble.of(d);
                    }
                } catch (NumberFormatException ignored) {
                    // NA, -, or text: not a number
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** The first number any report printed for one of {@code keys}. */
    public OptionalDouble anyNumber(String... keys) {
        for (String type : byType.keySet()) {
            OptionalDouble d = number(type, keys);
            if (d.isPresent()) {
                return d;
            }
        }
        return OptionalDouble.empty();
    }

    /** The first text any report printed for {@code key}, not NA. */
    public String anyText(String key) {
        for (String type : byType.keySet()) {
            String v = text(type, key);
            if (v != null && !v.isBlank() && !v.equalsIgnoreCase("NA")) {
                return v;
            }
        }
        return null;
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9%]", "");
    }
}
