package io.accelmon.gpu.smi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --query-gpu} field list for this driver: each wanted field under the first of its names that
 * {@code nvidia-smi --help-query-gpu} offers; fields this driver does not know are left out.
 */
public final class SmiQuery {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private final Map<SmiField, String> names;

    private SmiQuery(Map<SmiField, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** Every wanted field under its newest name (used when the help text cannot be read). */
    public static SmiQuery all() {
        Map<SmiField, String> names = new EnumMap<>(SmiField.class);
        for (SmiField f : SmiField.values()) {
            names.put(f, f.names().get(0));
        }
        return new SmiQuery(names);
    }

    /** The fields {@code helpText} (the output of {@code --help-query-gpu}) offers. */
    public static SmiQuery fromHelp(String helpText) {
        Set<String> offered = offeredFields(helpText);
        Map<SmiField, String> names = new EnumMap<>(SmiField.class);
        for (SmiField f : SmiField.values()) {
            for (String name : f.names()) {
                if (offered.contains(name)) {
                    names.put(f, name);
                    break;
                }
            }
        }
        for (SmiField f : SmiField.values()) {
            if (f.required() && !names.containsKey(f)) {
                throw new IllegalArgumentException("nvidia-smi --help-query-gpu does not offer '"
                        + f.names().get(0) + "'");
            }
        }
        return new SmiQuery(names);
    }

    /** Field names listed in the help text: the quoted names at the start of a line ({@code "a" or "b"}). */
    static Set<String> offeredFields(String helpText) {
        Set<String> offered = new LinkedHashSet<>();
        for (String line : helpText.split("\n")) {
            if (!line.startsWith("\"")) {
                continue;
            }
            Matcher m = QUOTED.matcher(line);
            while (m.find()) {
                offered.add(m.group(1));
            }
        }
        return offered;
    }

    /** The fields asked for, in column order. */
    List<SmiField> fields() {
        return new ArrayList<>(names.keySet());
    }

    public boolean asks(String fieldName) {
        return names.containsValue(fieldName);
    }

    /** The {@code --query-gpu=} argument value. */
    public String argument() {
        return String.join(",", names.values());
    }
}
