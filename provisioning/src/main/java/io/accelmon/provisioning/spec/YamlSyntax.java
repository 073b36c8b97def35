package io.accelmon.provisioning.spec;

import java.util.List;
import java.util.Map;

/** Says in plain words what a YAML parser's complaint usually means in a hand-written cluster file. */
final class YamlSyntax {

    static final String WHAT = "bad indentation or structure";

    /** First parser phrase that matches wins; the parser's own text always follows the explanation. */
    private static final List<Map.Entry<String, String>> MEANINGS = List.of(
            Map.entry("found character '\\t'", "a tab character; YAML indents with spaces only"),
            Map.entry("mapping values are not allowed", "a 'key: value' where only a value may stand: a colon "
                    + "inside an unquoted value (quote it) or a line indented deeper than its neighbours"),
            Map.entry("expected <block end>", "a line is indented differently from the lines of its block, "
                    + "or a list item and a key are mixed at one level"),
            Map.entry("could not find expected ':'", "a key without its colon, or a line indented less than the "
                    + "block it continues"),
            Map.entry("expected ',' or '}'", "a {…} is not closed, or its items are not separated by commas"),
            Map.entry("expected ',' or ']'", "a […] is not closed, or its items are not separated by commas"),
            Map.entry("expected the node content", "a block item ('- ' or 'key:' on its own line) inside a […] or "
                    + "{…}, or a key whose value is missing"),
            Map.entry("found unexpected end of stream", "a quoted value is not closed"),
            Map.entry("found undefined alias", "a '*name' with no '&name' before it (quote values starting with *)"),
            Map.entry("did not find expected", "an item is not where YAML expects one: check the indentation and "
                    + "the '- ' of list items"));

    private YamlSyntax() {
    }

    static String explain(String problem) {
        String parser = problem == null ? "" : problem;
        for (Map.Entry<String, String> m : MEANINGS) {
            if (parser.contains(m.getKey())) {
                return m.getValue() + " (parser: " + parser + ")";
            }
        }
        return "the text is not well-formed YAML here (parser: " + parser + ")";
    }
}
