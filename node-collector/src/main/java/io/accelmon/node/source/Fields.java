package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;

/** Splits a line of a /proc table into its whitespace-separated fields without a regular expression. */
public final class Fields {

    private Fields() {
    }

    /** The fields of {@code text[from, to)}, as {@code trim().split("\\s+")} gives them, but none for a blank line. */
    public static List<String> split(String text, int from, int to) {
        List<String> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            while (i < to && text.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < to && text.charAt(i) > ' ') {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
