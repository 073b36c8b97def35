package io.accelmon.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.core.input.BoundedText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code --jobs.config} YAML file: {@code rules} (regex on the command line → framework / type / name; the first
 * match wins and also makes a process a job), {@code types} (type per framework, overriding the built-in rules) and
 * {@code ignore} (regexes of command lines that are never jobs).
 */
public record JobsConfig(List<Rule> rules, Map<String, String> types, List<String> ignore) {

    /** A jobs config is a few rules; anything near this is the wrong file. */
    static final long MAX_BYTES = 1L << 20;

    public static final JobsConfig EMPTY = new JobsConfig(List.of(), Map.of(), List.of());

    /** One rule; {@code framework}, {@code type}, {@code name} may be null (keep what detection found). */
    public record Rule(@JsonProperty("match") String match, @JsonProperty("framework") String framework,
                       @JsonProperty("type") String type, @JsonProperty("name") String name) {
    }

    public JobsConfig {
        rules = rules == null ? List.of() : List.copyOf(rules);
        types = types == null ? Map.of() : Map.copyOf(types);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }

    /** Loads and checks the file; the message names the file and the bad field first. */
    public static JobsConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JobsConfig config;
        try {
            config = yaml.readValue(BoundedText.read(file, MAX_BYTES, Duration.ofSeconds(5)), JobsConfig.class);
        } catch (BoundedText.Refused e) {
            throw new IOException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + (e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": ") + e.getOriginalMessage(), e);
        }
        if (config == null) {
            return EMPTY;
        }
        for (Rule r : config.rules()) {
            if (r.match() == null || r.match().isBlank()) {
                throw new IOException(file + ": rules[].match is required");
            }
            compile(file, r.match());
            if (r.type() != null && !List.of("training", "inference", "unknown").contains(r.type())) {
                throw new IOException(file + ": rules[].type '" + r.type() + "' is not training, inference or unknown");
            }
        }
        for (String i : config.ignore()) {
            compile(file, i);
        }
        return config;
    }

    private static void compile(Path file, String regex) throws IOException {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IOException(file + ": bad regex '" + regex + "': " + e.getDescription(), e);
        }
    }
}
