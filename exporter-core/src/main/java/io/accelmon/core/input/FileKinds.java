package io.accelmon.core.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Names what a file that is not a regular file is, for one-line refusals: "a FIFO", "a character device", … */
public final class FileKinds {

    private FileKinds() {
    }

    public static String of(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
            return "a regular file";
        }
        if (attrs.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "file type " + Integer.toOctalString(type);
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}
