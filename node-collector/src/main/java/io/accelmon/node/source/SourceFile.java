package io.accelmon.node.source;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A pseudo file that may be absent on a host (no PSI, no conntrack module): absent is no data, not a failure. */
public final class SourceFile {

    private SourceFile() {
    }

    /** The file's text, or empty when it does not exist; other read errors propagate (collector success 0). */
    public static Optional<String> readIfPresent(Path file) throws IOException {
        try {
            return Optional.of(ProcFiles.read(file));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /** The one number a file such as {@code file-nr}'s fields or {@code entropy_avail} holds. */
    public static double number(Path file, String text) throws IOException {
        String t = text.trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: '" + t + "'");
        }
    }
}
