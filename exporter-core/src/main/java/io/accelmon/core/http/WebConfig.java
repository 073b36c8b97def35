package io.accelmon.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpsConfigurator;
import io.accelmon.core.input.BoundedText;
import io.accelmon.core.input.FileKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The exporter-toolkit web config ({@code --web.config.file}): TLS server settings and basic-auth users with bcrypt
 * hashes, applied to the HTTP server.
 */
public final class WebConfig {

    /** Far above any real web config (a few hundred bytes), far below what a small heap can hold. */
    static final long MAX_BYTES = 1 << 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final WebConfig NONE = new WebConfig(null, Map.of(), Map.of());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private final HttpsConfigurator https;
    private final Map<String, String> headers;
    private final Map<String, String> users;

    private WebConfig(HttpsConfigurator https, Map<String, String> headers, Map<String, String> users) {
        this.https = https;
        this.headers = headers;
        this.users = users;
    }

    public static WebConfig none() {
        return NONE;
    }

    /**
     * Loads and validates the file, reading certificates and keys now so a bad file fails at start-up.
     *
     * @throws WebConfigException naming {@code FILE:LINE:COL: field: problem}
     */
    public static WebConfig load(Path file) {
        WebConfigFile parsed = parse(file);
        HttpsConfigurator https = parsed.tls() == null ? null : TlsContexts.configurator(parsed.tls(), file);
        Map<String, String> headers = parsed.http() == null ? Map.of() : parsed.http().headers();
        Map<String, String> users = new LinkedHashMap<>();
        parsed.basicAuthUsers().forEach((user, hash) -> users.put(user, hash.value()));
        return new WebConfig(https, headers, users);
    }

    static WebConfigFile parse(Path file) {
        String text = readBounded(file);
        try {
            if (isEmptyDocument(text)) {
                return WebConfigFile.empty();
            }
            WebConfigFile parsed = YAML.readValue(text, WebConfigFile.class);
            return parsed == null ? WebConfigFile.empty() : parsed;
        } catch (JsonProcessingException e) {
            throw new WebConfigException(describe(file, text, e), e);
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A web config is a small regular file: a FIFO would hang the start, a device never ends, and a huge file would
     * exhaust a small heap before YAML sees it.
     */
    private static String readBounded(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new WebConfigException(file + ": " + BoundedText.reason(e));
        }
        if (!attrs.isRegularFile()) {
            throw new WebConfigException(file + ": not a regular file (" + FileKinds.of(file, attrs)
                    + "); a web config must be a regular file");
        }
        try {
            return BoundedText.read(file, MAX_BYTES, READ_TIMEOUT);
        } catch (BoundedText.Refused e) {
            throw new WebConfigException(e.getMessage());
        }
    }

    private static boolean isEmptyDocument(String text) throws IOException {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            return first == null || first == JsonToken.VALUE_NULL;
        }
    }

    private static String describe(Path file, String text, JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                return file + ":" + (yaml.getProblemMark().getLine() + 1) + ":" + (yaml.getProblemMark().getColumn() + 1)
                        + ": invalid YAML: " + (yaml.getContext() == null ? "" : yaml.getContext() + ": ")
                        + yaml.getProblem();
            }
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return file + at(e.getLocation()) + ": invalid YAML: " + oneLine(e.getOriginalMessage());
        }
        List<String> path = mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").toList();
        String field = String.join(".", path).replace(".[", "[");
        // Jackson buffers record properties, so its own location is often the end of the section; point at the key
        JsonLocation key = locateKey(text, path);
        String where = file + at(key != null ? key : e.getLocation());
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown field; known fields: " + known(unknown.getKnownPropertyIds());
        } else if (e instanceof ValueInstantiationException || e.getCause() instanceof IllegalArgumentException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problem = oneLine(cause.getMessage());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + expected(mismatch.getTargetType());
        } else {
            problem = oneLine(e.getOriginalMessage());
        }
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + problem;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** Where the key at {@code path} (field names; list indexes are not followed) is written, or null. */
    private static JsonLocation locateKey(String text, List<String> path) {
        if (path.isEmpty() || path.stream().anyMatch(p -> p.startsWith("["))) {
            return null;
        }
        try (JsonParser p = YAML.createParser(text)) {
            java.util.ArrayDeque<String> current = new java.util.ArrayDeque<>();
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        while (current.size() > depth) {
                            current.removeLast();
                        }
                    }
                    case FIELD_NAME -> {
                        while (current.size() >= depth) {
                            current.removeLast();
                        }
                        current.addLast(p.currentName());
                        if (List.copyOf(current).equals(path)) {
                            return p.currentTokenLocation();
                        }
                    }
                    default -> {
                        // scalars carry no names
                    }
                }
            }
        } catch (IOException unparsable) {
            return null;
        }
        return null;
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a string";
    }

    /** The TLS setup, or null when the file has no {@code tls_server_config}. */
    HttpsConfigurator https() {
        return https;
    }

    /** Basic auth and the configured headers, or null when there is neither. */
    Authenticator authenticator() {
        return headers.isEmpty() && users.isEmpty() ? null : new WebAuthenticator(headers, new BasicAuthUsers(users));
    }

    boolean tlsEnabled() {
        return https != null;
    }

    boolean authEnabled() {
        return !users.isEmpty();
    }
}
