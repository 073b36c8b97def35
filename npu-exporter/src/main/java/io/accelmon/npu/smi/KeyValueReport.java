package io.accelmon.npu.smi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A {@code npu-smi info -t TYPE -i N [-c C]} report: {@code Key : Value} lines (TAB- or space-indented) in blocks
 * separated by blank lines. Card-level keys ({@code NPU ID}, {@code Chip Count}, board versions) go to {@link #card},
 * a block holding {@code Chip ID} to that chip (npu-smi prints it first in some reports and last in others), and a
 * block naming {@code Chip Name : mcu} to {@link #mcu}. Keys are kept as printed; look-ups ignore case, spaces and
 * punctuation, so {@code NPU Temperature (C)} and {@code NPU Temperature(C)} match.
 */
public record KeyValueReport(Map<String, String> card, Map<Integer, Map<String, String>> chips,
                             Map<String, String> mcu) {

    public static KeyValueReport parse(String text) {
        Map<String, String> card = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> chips = new LinkedHashMap<>();
        Map<String, String> mcu = new LinkedHashMap<>();
        for (List<String[]> block : blocks(text == null ? "" : text)) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String[] kv : block) {
                values.putIfAbsent(kv[0], kv[1]);
            }
            String chipName = find(values, "Chip Name");
            String chipId = find(values, "Chip ID");
            if (chipName != null && chipName.toLowerCase(Locale.ROOT).startsWith("mcu")) {
                mcu.putAll(values);
                continue;
            }
            Integer chip = chipId == null ? null : InfoTableParser.integer(chipId);
            if (chip == null) {
                card.putAll(values);
            } else {
                chips.computeIfAbsent(chip, c -> new LinkedHashMap<>()).putAll(values);
            }
        }
        return new KeyValueReport(card, chips, mcu);
    }

    public boolean isEmpty() {
        return card.isEmpty() && chips.isEmpty() && mcu.isEmpty();
    }

    /** The NPU id the report names, or -1. */
    public int npuId() {
        Integer id = InfoTableParser.integer(String.valueOf(find(card, "NPU ID")));
        return id == null ? -1 : id;
    }

    /** A chip's value, falling back to the card-level block (single-chip reports often have no chip block). */
    public String value(int chip, String key) {
        Map<String, String> values = chips.get(chip);
        String v = values == null ? null : find(values, key);
        if (v == null) {
            v = find(card, key);
        }
        return v;
    }

    public OptionalDouble number(int chip, String key) {
        Double d = InfoTableParser.number(value(chip, key));
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    /** Every key/value known for {@code chip}: card-level first, chip-level over it. */
    public Map<String, String> valuesFor(int chip) {
        Map<String, String> all = new LinkedHashMap<>(card);
        Map<String, String> values = chips.get(chip);
        if (values != null) {
            all.putAll(values);
        }
        return all;
    }

    /** Looks a key up ignoring case, spaces and punctuation. */
    public static String find(Map<String, String> values, String key) {
        String wanted = normalise(key);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (normalise(e.getKey()).equals(wanted)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9%]", "");
    }

    /** The {@code Key : Value} pairs of each blank-line-separated block, in order. */
    static List<List<String[]>> blocks(String text) {
        List<List<String[]>> blocks = new ArrayList<>();
        List<String[]> current = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            int colon = line.indexOf(" : ");
            int width = 3;
            if (colon < 0) {
                colon = line.indexOf(':');
                width = 1;
            }
            if (colon <= 0) {
                continue; // a line that is no key/value pair, e.g. a title or a warning
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + width).strip();
            current.add(new String[] {key, value});
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }
}
