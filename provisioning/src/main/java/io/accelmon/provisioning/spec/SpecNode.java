package io.accelmon.provisioning.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A view on one YAML mapping of the spec that reads typed values by key, records every problem with its file
 * position and path, and reports keys nobody asked for as unknown when {@link #done()} is called.
 */
final class SpecNode {

    /** Collects problems in the {@code FILE:LINE:COL: path: what} form. */
    static final class Problems {
        private final String file;
        private final Set<String> list = new LinkedHashSet<>();

        Problems(String file) {
            this.file = file;
        }

        void add(Node at, String path, String what) {
            int line = at == null ? 1 : at.getStartMark().getLine() + 1;
            int col = at == null ? 1 : at.getStartMark().getColumn() + 1;
            addAt(line, col, path, what);
        }

        void addAt(int line, int col, String path, String what) {
            list.add(oneLine( // a set: a server range binds its entry once per server
                    file + ":" + line + ":" + col + ": " + (path.isEmpty() ? "(top level)" : path) + ": "
                    + what));
        }

        /** A value quoted in a message must not split it: control characters are shown escaped. */
        private static String oneLine(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n') {
                    sb.append("\\n");
                } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                    sb.append(String.format("\\u%04X", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        List<String> list() {
            return List.copyOf(list);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }
    }

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    SpecNode(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) {
                    problems.add(t.getKeyNode(), path, "keys must be plain strings");
                } else if (controlCharacter(key) != null) {
                    problems.add(t.getKeyNode(), path, "key " + controlCharacter(key));
                } else if (entries.containsKey(key)) {
                    problems.add(t.getKeyNode(), child(key), "duplicate key '" + key + "'");
                } else {
                    entries.put(key, t);
                }
            }
        } else if (node != null && !isNull(node)) {
            problems.add(node, path, "expected a mapping of keys to values");
        }
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value node of {@code key}, or null when absent or null. */
    Node get(String key) {
        asked.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        return t.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }

    boolean has(String key) {
        return get(key) != null;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** Marks every key as read (for free-form maps such as headers). */
    void acceptAll() {
        asked.addAll(entries.keySet());
    }

    SpecNode map(String key) {
        return new SpecNode(get(key), child(key), problems);
    }

    /** The items of a sequence value, each with its path {@code key[i]}; empty when absent or not a list. */
    List<Node> list(String key) {
        Node n = get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode s)) {
            problems.add(n, child(key), "expected a list");
            return List.of();
        }
        return s.getValue();
    }

    Optional<String> string(String key) {
        Node n = get(key);
        if (n == null) {
            return Optional.empty();
        }
        if (!(n instanceof ScalarNode s)) {
            problems.add(n, child(key), "expected a string");
            return Optional.empty();
        }
        String bad = controlCharacter(s.getValue());
        if (bad != null) {
            problems.add(n, child(key), bad);
            return Optional.empty();
        }
        return Optional.of(s.getValue());
    }

    String string(String key, String dflt) {
        return string(key).orElse(dflt);
    }

    String requiredString(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty() && get(key) == null) {
            problems.add(node, child(key), "missing (required)");
        } else if (s.isPresent() && s.get().isBlank()) {
            problems.add(get(key), child(key), "must not be empty");
        }
        return s.orElse("");
    }

    int integer(String key, int dflt, int min, int max) {
        Node n = get(key);
        if (n == null) {
            return dflt;
        }
        if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            problems.add(n, child(key), "expected an integer, got " + describe(n));
            return dflt;
        }
        try {
            long v = Long.parseLong(s.getValue().replace("_", ""));
            if (v < min || v > max) {
                problems.add(n, child(key), v + " is out of range " + min + ".." + max);
                return dflt;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            problems.add(n, child(key), "expected an integer, got '" + s.getValue() + "'");
            return dflt;
        }
    }

    int port(String key, int dflt) {
        return integer(key, dflt, 1, 65535);
    }

    int requiredPort(String key) {
        if (get(key) == null) {
            problems.add(node, child(key), "missing (required)");
            return 0;
        }
        return port(key, 0);
    }

    Optional<Double> number(String key) {
        Node n = get(key);
        if (n == null) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return Optional.of(Double.parseDouble(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                // fall through to the problem below
            }
        }
        problems.add(n, child(key), "expected a number, got " + describe(n));
        return Optional.empty();
    }

    boolean bool(String key, boolean dflt) {
        Node n = get(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        problems.add(n, child(key), "expected true or false, got " + describe(n));
        return dflt;
    }

    PromDuration duration(String key, String dflt) {
        Node n = get(key);
        if (n == null) {
            return PromDuration.parse(dflt);
        }
        return durationOf(n, child(key)).orElse(PromDuration.parse(dflt));
    }

    Optional<PromDuration> durationOf(Node n, String at) {
        if (!(n instanceof ScalarNode s)) {
            problems.add(n, at, "expected a duration like 15s, got " + describe(n));
            return Optional.empty();
        }
        try {
            return Optional.of(PromDuration.parse(s.getValue()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(n, at, e.getMessage());
            return Optional.empty();
        }
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        Node n = get(key);
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            problems.add(n, child(key), "expected a list of strings");
            return out;
        }
        int i = 0;
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && !isNull(s) && controlCharacter(s.getValue()) != null) {
                problems.add(item, child(key) + "[" + i + "]", controlCharacter(s.getValue()));
            } else if (item instanceof ScalarNode s && !isNull(s)) {
                out.add(s.getValue());
            } else {
                problems.add(item, child(key) + "[" + i + "]", "expected a string");
            }
            i++;
        }
        return out;
    }

    /** Reports every key that was never asked for. */
    void done() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!asked.contains(e.getKey())) {
                problems.add(e.getValue().getKeyNode(), child(e.getKey()),
                        "unknown key '" + e.getKey() + "' (known here: " + String.join(", ", asked) + ")");
            }
        }
    }

    /**
     * Why a string cannot go into a rendered file, or null: a control character (a newline in a header value or a
     * host name splits the config and every error line that quotes it).
     */
    static String controlCharacter(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                return String.format("contains the control character U+%04X at position %d; strings must be one line"
                        + " of printable text", (int) c, i + 1);
            }
        }
        return null;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) n;
        return "'" + s.getValue() + "'";
    }
}
