package io.accelmon.node.source;

import java.util.LinkedHashMap;
import java.util.Map;

/** os-release(5): {@code KEY=value} lines, values optionally quoted with shell escapes. */
public final class OsRelease {

    private OsRelease() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return values;
    }

    static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            boolean doubleQuoted = value.charAt(0) == '"';
            String inner = value.substring(1, value.length() - 1);
            if (!doubleQuoted) {
                return inner;
            }
            StringBuilder sb = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    c = inner.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return value;
    }

    /** node_os_version's value: {@code VERSION_ID}'s leading {@code major.minor} as a number, 0 if none. */
    public static double versionNumber(String versionId) {
        if (versionId == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+(\\.\\d+)?").matcher(versionId);
        return m.find() ? Double.parseDouble(m.group()) : 0;
    }
}
