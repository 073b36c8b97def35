package io.accelmon.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The first bytes of a job's config file for the job report, each line through {@link Redactor} (so
 * {@code api_key: X} and {@code "password": "X"} are hidden). Regular files only: a FIFO or device never blocks the
 * report. A one-line reason in brackets when the file cannot be read.
 */
final class ConfigContent {

    private ConfigContent() {
    }

    static String read(String cwd, String configFile, int maxBytes) {
        Path file = Path.of(configFile);
        if (!file.isAbsolute() && !cwd.isEmpty()) {
            file = Path.of(cwd).resolve(file);
        }
        if (!Files.isRegularFile(file)) {
            return "[not a readable regular file]";
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(maxBytes + 1);
            boolean cut = data.length > maxBytes;
            String text = new String(data, 0, Math.min(data.length, maxBytes), StandardCharsets.UTF_8);
            String redacted = text.lines().map(Redactor::value).collect(Collectors.joining("\n"));
            return cut ? redacted + "\n[cut at " + maxBytes + " bytes]" : redacted;
        } catch (IOException | RuntimeException e) {
            return "[" + e.getClass().getSimpleName() + "]";
        }
    }
}
