package io.accelmon.provisioning.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The kit's YAML and JSON files, written by Jackson from ordered maps and lists: YAML in block style with quotes only
 * where a reader would otherwise take the string for something else, multi-line strings as literal blocks; JSON
 * pretty-printed with a two-space indent. Keys keep their insertion order.
 */
public final class Documents {

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new Yaml11Quoting())
            .build();
    private static final JsonFactory JSON = new JsonFactory();
    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    private static final Pattern TWO_SPACES_AT_LINE_START = Pattern.compile("(?m)^  ");

    private Documents() {
    }

    /** An ordered map of key/value pairs, {@code of("a", 1, "b", 2)}; pairs whose value is null are left out. */
    static Map<String, Object> of(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /**
     * One YAML document (a map, or a list for a file_sd targets file) under {@code # } comment lines; Jackson writes
     * no comments, so they go in front as text.
     */
    public static String yaml(String headerComment, Object document) {
        StringBuilder sb = new StringBuilder();
        if (headerComment != null) {
            for (String line : headerComment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        String body = write(YAML, null, document);
        if (document instanceof List<?>) {
            // Jackson indents a sequence under its parent key, and a top-level one under nothing as well.
            body = TWO_SPACES_AT_LINE_START.matcher(body).replaceAll("");
        }
        return sb.append(body).toString();
    }

    /** One JSON document, ending with a newline. */
    public static String json(Object document) {
        // A new printer per document: DefaultPrettyPrinter keeps its nesting level.
        return write(JSON, new DefaultPrettyPrinter(SEPARATORS)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")), document) + "\n";
    }

    /**
     * Walks maps, lists and scalars straight into Jackson's streaming generator: the kit's documents are plain trees,
     * and leaving out databind keeps a cold {@code accelmon render} of a thousand servers fast.
     */
    private static String write(JsonFactory factory, PrettyPrinter pretty, Object document) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = factory.createGenerator(out)) {
            if (pretty != null) {
                gen.setPrettyPrinter(pretty);
            }
            value(gen, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator gen, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                value(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof List<?> l) {
            gen.writeStartArray();
            for (Object item : l) {
                value(gen, item);
            }
            gen.writeEndArray();
        } else if (v == null) {
            gen.writeNull();
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            // Whole values as integers (80, not 80.0), as a person writes thresholds and grid positions.
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                gen.writeNumber((long) d);
            } else {
                gen.writeNumber(d);
            }
        } else {
            gen.writeString(v.toString());
        }
    }

    /**
     * Quotes a value only when a YAML 1.1 reader would not read the plain scalar back as this string: a reserved word
     * ({@code on}, {@code yes}, {@code y}, {@code null}, {@code ~}), a number ({@code 1.0}, {@code 0x1F},
     * {@code 1_000}, {@code 1:30}), a date, {@code <<} or the empty string; PyYAML (Ansible) and Go's yaml.v2
     * (Prometheus, Alertmanager) resolve YAML 1.1 types. Syntax ({@code ": "}, {@code " #"}, a leading brace or
     * {@code -}) is left to SnakeYAML's emitter, which writes a plain scalar only where it reads back unchanged and
     * otherwise quotes it, so PromQL such as {@code up{job=~"node-.*"} == 0} stays unescaped.
     */
    private static final class Yaml11Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Resolver RESOLVER = new Resolver();

        @Override
        public boolean needToQuoteValue(String value) {
            return value.isEmpty() || isReservedKeyword(value) || notAString(value);
        }

        @Override
        public boolean needToQuoteName(String name) {
            return name.isEmpty() || super.needToQuoteName(name) || notAString(name);
        }

        private static boolean notAString(String s) {
            return !RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR);
        }
    }
}
