package io.accelmon.node.textfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Prometheus text exposition format (0.0.4) as node_exporter's textfile collector accepts it:
 * {@code # HELP}, {@code # TYPE}, samples with optional labels; client-side timestamps are refused.
 */
public final class TextFormat {

    /** One sample line: its own name (e.g. {@code x_bucket}), label pairs in order, value. */
    public record Sample(String name, List<String> labelPairs, double value) {
    }

    /** One metric family: its name, type ({@code counter gauge histogram summary untyped}), help and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** A file that is not valid text format; the message names the line. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private TextFormat() {
    }

    public static List<Family> parse(String text) throws ParseException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment(line, lineNo, types, helps, samples);
                continue;
            }
            Sample sample = new SampleLine(line, lineNo).parse();
            String family = familyOf(sample.name(), types);
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(sample);
        }
        List<Family> families = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            families.add(new Family(e.getKey(), types.getOrDefault(e.getKey(), "untyped"), helps.get(e.getKey()),
                    List.copyOf(e.getValue())));
        }
        return families;
    }

    private static void comment(String line, int lineNo, Map<String, String> types, Map<String, String> helps,
                                Map<String, List<Sample>> samples) throws ParseException {
        String[] f = line.substring(1).strip().split("\\s+", 3);
        if (f.length < 2 || !(f[0].equals("HELP") || f[0].equals("TYPE"))) {
            return;
        }
        String name = f[1];
        if (!validName(name)) {
            throw new ParseException(lineNo, "invalid metric name '" + name + "'");
        }
        if (f[0].equals("TYPE")) {
            String type = f.length > 2 ? f[2].strip() : "";
            if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(type)) {
                throw new ParseException(lineNo, "unknown metric type '" + type + "'");
            }
            if (types.containsKey(name)) {
                throw new ParseException(lineNo, "second TYPE line for metric name '" + name + "'");
            }
            if (samples.containsKey(name)) {
                throw new ParseException(lineNo, "TYPE line for '" + name + "' after its samples");
            }
            types.put(name, type);
        } else {
            if (helps.containsKey(name)) {
                throw new ParseException(lineNo, "second HELP line for metric name '" + name + "'");
            }
            helps.put(name, f.length > 2 ? unescapeHelp(f[2]) : "");
        }
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String unescapeHelp(String help) {
        StringBuilder sb = new StringBuilder(help.length());
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\' && i + 1 < help.length()) {
                char n = help.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Parses one sample line with a cursor. */
    private static final class SampleLine {
        private final String line;
        private final int lineNo;
        private int pos;

        SampleLine(String line, int lineNo) {
            this.line = line;
            this.lineNo = lineNo;
        }

        Sample parse() throws ParseException {
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != '{' && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            String name = line.substring(start, pos);
            if (!validName(name)) {
                throw new ParseException(lineNo, "invalid metric name '" + name + "'");
            }
            List<String> labels = new ArrayList<>();
            skipSpaces();
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                labels(labels);
            }
            skipSpaces();
            String[] rest = line.substring(pos).split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) {
                throw new ParseException(lineNo, "missing value for '" + name + "'");
            }
            if (rest.length > 1) {
                throw new ParseException(lineNo, "client-side timestamps are not supported ('" + name + "')");
            }
            return new Sample(name, List.copyOf(labels), value(rest[0]));
        }

        private void labels(List<String> labels) throws ParseException {
            java.util.Set<String> names = new java.util.HashSet<>();
            while (true) {
                skipSpaces();
                if (pos >= line.length()) {
                    throw new ParseException(lineNo, "unterminated label set");
                }
                if (line.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                int start = pos;
                while (pos < line.length() && line.charAt(pos) != '=' && !Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                String label = line.substring(start, pos);
                if (!validName(label) || label.contains(":")) {
                    throw new ParseException(lineNo, "invalid label name '" + label + "'");
                }
                if (!names.add(label)) {
                    throw new ParseException(lineNo, "duplicate label '" + label + "'");
                }
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (pos >= line.length()) {
                        throw new ParseException(lineNo, "unterminated label value for '" + label + "'");
                    }
                    char c = line.charAt(pos++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && pos < line.length()) {
                        char n = line.charAt(pos++);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                }
                labels.add(label);
                labels.add(value.toString());
                skipSpaces();
                if (pos < line.length() && line.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= line.length() || line.charAt(pos) != '}') {
                    throw new ParseException(lineNo, "expected ',' or '}' after label '" + label + "'");
                }
            }
        }

        private void expect(char c) throws ParseException {
            if (pos >= line.length() || line.charAt(pos) != c) {
                throw new ParseException(lineNo, "expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private double value(String text) throws ParseException {
            switch (text) {
                case "+Inf", "Inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "NaN" -> {
                    return Double.NaN;
                }
                default -> {
                    try {
                        if (text.matches(".*[a-zA-Z].*") && !text.matches("[-+]?[0-9.]+[eE][-+]?[0-9]+")) {
                            throw new NumberFormatException();
                        }
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new ParseException(lineNo, "invalid value '" + text + "'");
                    }
                }
            }
        }
    }
}
