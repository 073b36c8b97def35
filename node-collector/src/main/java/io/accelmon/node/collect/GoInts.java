package io.accelmon.node.collect;

import java.io.IOException;
import java.nio.file.Path;

/** Integers as node_exporter's sysfs parsers read them (Go's ParseInt with base 0: 0x hex, 0 octal, decimal). */
final class GoInts {

    private GoInts() {
    }

    static long parse(Path file, String text) throws IOException {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        String digits = negative || s.startsWith("+") ? s.substring(1) : s;
        try {
            long v;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                v = Long.parseLong(digits.substring(2), 16);
            } else if (digits.startsWith("0b") || digits.startsWith("0B")) {
                v = Long.parseLong(digits.substring(2), 2);
            } else if (digits.startsWith("0o") || digits.startsWith("0O")) {
                v = Long.parseLong(digits.substring(2), 8);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                v = Long.parseLong(digits.substring(1), 8);
            } else {
                v = Long.parseLong(digits);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not an integer: '" + s + "'");
        }
    }
}
