package io.accelmon.provisioning.render;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes maps, lists and scalars as block-style YAML, quoting only strings that need it. */
public final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@-]*(:[0-9]+)?[A-Za-z0-9_./@-]*");
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|~|y|n)|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?");

    private Yaml() {
    }

    /** One YAML document, with an optional header comment. */
    public static String write(String headerComment, Map<String, ?> doc) {
        StringBuilder sb = new StringBuilder();
        if (headerComment != null) {
            for (String line : headerComment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        map(sb, doc, 0);
        return sb.toString();
    }

    /** One YAML document whose top level is a list (a file_sd targets file), with an optional header comment. */
    public static String writeList(String headerComment, List<?> items) {
        StringBuilder sb = new StringBuilder();
        if (headerComment != null) {
            for (String line : headerComment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        list(sb, items, 0);
        return sb.toString();
    }

    private static void map(StringBuilder sb, Map<?, ?> map, int indent) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pad(sb, indent);
            sb.append(scalar(String.valueOf(e.getKey()))).append(':');
            child(sb, e.getValue(), indent);
        }
    }

    private static void child(StringBuilder sb, Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            map(sb, m, indent + 2);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            sb.append('\n');
            list(sb, l, indent + 2);
        } else {
            sb.append(' ').append(scalarOf(v)).append('\n');
        }
    }

    private static void list(StringBuilder sb, List<?> list, int indent) {
        for (Object item : list) {
            pad(sb, indent);
            sb.append("- ");
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                StringBuilder inner = new StringBuilder();
                map(inner, m, indent + 2);
                sb.append(inner, indent + 2, inner.length());
            } else if (item instanceof List<?> l && !l.isEmpty()) {
                sb.append('\n');
                list(sb, l, indent + 2);
            } else {
                sb.append(scalarOf(item)).append('\n');
            }
        }
    }

    private static String scalarOf(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return Json.number(d);
        }
        return scalar(v.toString());
    }

    /** A string scalar: plain when unambiguous, else double-quoted with JSON escapes. */
    public static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches()) {
            return s;
        }
        return Json.quote(s);
    }

    private static void pad(StringBuilder sb, int n) {
        sb.append(" ".repeat(n));
    }
}
