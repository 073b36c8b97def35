package io.accelmon.api.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps request paths to the route templates that become the {@code endpoint} label: {@code /users/42} matches
 * {@code /users/{id}}; a {@code *} last segment matches any rest ({@code /static/*}). Literal templates win over
 * templates with variables; among those, the first declared wins. Matching does not allocate.
 */
public final class RouteTemplates {

    private final Map<String, String> literals = new HashMap<>();
    private final List<Template> patterns = new ArrayList<>();

    private RouteTemplates(List<String> templates) {
        for (String t : templates) {
            if (t == null || !t.startsWith("/")) {
                throw new IllegalArgumentException("'" + t + "': a route template starts with /");
            }
            if (t.contains("{") || t.contains("*")) {
                patterns.add(new Template(t));
            } else {
                literals.put(t, t);
            }
        }
    }

    public static RouteTemplates of(String... templates) {
        return new RouteTemplates(Arrays.asList(templates));
    }

    public static RouteTemplates of(List<String> templates) {
        return new RouteTemplates(templates);
    }

    /** The template {@code path} matches, or {@code null} when none does. */
    public String match(String path) {
        String literal = literals.get(path);
        if (literal != null) {
            return literal;
        }
        for (Template t : patterns) {
            if (t.matches(path)) {
                return t.text;
            }
        }
        return null;
    }

    /** One template split into segments; {@code null} is a variable, {@code "*"} as the last one matches the rest. */
    private static final class Template {
        private final String text;
        private final String[] segments;

        Template(String text) {
            this.text = text;
            String[] parts = text.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                    parts[i] = null;
                } else if (p.contains("{") || p.contains("}")) {
                    throw new IllegalArgumentException("'" + text + "': a variable is a whole segment like {id}");
                } else if (p.equals("*") && i != parts.length - 1) {
                    throw new IllegalArgumentException("'" + text + "': * may only be the last segment");
                }
            }
            this.segments = parts;
        }

        boolean matches(String path) {
            if (path.isEmpty() || path.charAt(0) != '/') {
                return false;
            }
            int pos = 1;
            for (int i = 0; i < segments.length; i++) {
                String seg = segments[i];
                if ("*".equals(seg) && i == segments.length - 1) {
                    return pos <= path.length();
                }
                if (pos > path.length()) {
                    return false;
                }
                int end = path.indexOf('/', pos);
                if (end < 0) {
                    end = path.length();
                }
                if (seg == null) {
                    if (end == pos) {
                        return false;
                    }
                } else if (end - pos != seg.length() || !path.regionMatches(pos, seg, 0, seg.length())) {
                    return false;
                }
                pos = end + 1;
            }
            return pos == path.length() + 1;
        }
    }
}
