package io.accelmon.node.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where /proc, /sys and /etc live (overridable for tests and containers, like node_exporter's --path.* flags). */
public record ProcFiles(Path proc, Path sys, Path rootfs) {

    public static ProcFiles host() {
        return new ProcFiles(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    public Path proc(String relative) {
        return proc.resolve(relative);
    }

    public Path etc(String relative) {
        return rootfs.resolve("etc").resolve(relative);
    }

    /**
     * Reads a small numeric pseudo file in one go (Latin-1: the fastest decoding; /proc numbers are ASCII). The
     * first read is a full buffer at offset 0: /proc/sys handlers report size 0 and answer EOF to any read that
     * does not start at 0, so Files.readAllBytes (which probes one byte first) would get only the first digit.
     */
    public static String read(Path file) throws IOException {
        return new String(readBytes(file), StandardCharsets.ISO_8859_1);
    }

    /** The file's bytes, read from offset 0 with a full buffer (see {@link #read}). */
    public static byte[] readBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    /** Reads a text file that may hold names in UTF-8 (os-release, passwd). */
    public static String readUtf8(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
