package io.accelmon.node.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists sysfs and procfs directories. Collectors test for a path with {@code java.io.File} ({@code exists},
 * {@code isDirectory}), not {@code Files}: on a path that is not there, {@code Files} throws and catches two
 * exceptions inside, and an absent path is what most collectors find on most hosts.
 */
public final class SysfsDirs {

    private SysfsDirs() {
    }

    /** The entries; empty when {@code dir} does not exist (the hardware or driver is absent). */
    public static List<Path> numbered(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : entries(dir)) {
            String n = p.getFileName().toString();
            if (n.length() > prefix.length() && n.startsWith(prefix) && allDigits(n, prefix.length())) {
                out.add(p);
            }
        }
        out.sort((a, b) -> Long.compare(number(a, prefix), number(b, prefix)));
        return out;
    }

    /**
     * The entries of {@code dir} in name order; empty when it does not exist (the hardware, driver or module is
     * absent: the usual case, so it costs no exception). Any other failure to list it is thrown.
     */
    public static List<Path> entries(Path dir) throws IOException {
        File asFile = dir.toFile();
        String[] names = asFile.list();
        List<Path> out;
        if (names != null) {
            out = new ArrayList<>(names.length);
            for (String name : names) {
                out.add(dir.resolve(name));
            }
        } else if (!asFile.exists()) {
            return new ArrayList<>(0);
        } else {
            out = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) { // names the error: not a directory, denied
                s.forEach(out::add);
            }
        }
        out.sort(null);
        return out;
    }

    /** The number after the prefix, as a string label ({@code mc12} gives {@code 12}). */
    public static String suffix(Path p, String prefix) {
        return p.getFileName().toString().substring(prefix.length());
    }

    /** A file holding one unsigned integer. */
    public static long readLong(Path file) throws IOException {
        String s = ProcFiles.read(file).trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not an integer: '" + s + "'");
        }
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long number(Path p, String prefix) {
        String s = suffix(p, prefix);
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
