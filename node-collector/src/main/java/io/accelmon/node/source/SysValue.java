package io.accelmon.node.source;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One-value sysfs attributes that a driver may or may not provide. */
public final class SysValue {

    private SysValue() {
    }

    /** The trimmed text, or null when the attribute does not exist. */
    public static String text(Path file) throws IOException {
        try {
            return ProcFiles.readAttribute(file).trim();
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    /** The number, or null when the attribute does not exist; a non-number names the file. */
    public static Double number(Path file) throws IOException {
        String s = text(file);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: '" + s + "'");
        }
    }
}
