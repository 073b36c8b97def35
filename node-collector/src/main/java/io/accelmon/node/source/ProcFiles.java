package io.accelmon.node.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where /proc, /sys and /etc live (overridable for tests and containers, like node_exporter's --path.* flags). */
public record ProcFiles(Path proc, Path sys, Path rootfs) {

    public static ProcFiles host() {
        return new ProcFiles(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    /**
     * From now on, reads of files under the proc and sys roots keep their descriptors open between scrapes where
     * those roots are real procfs and sysfs mounts ({@link KeptOpenFiles}); a fixture tree is read as before.
     */
    public ProcFiles keepPseudoFilesOpen() {
        KeptOpenFiles.keepUnder(proc);
        KeptOpenFiles.keepUnder(sys);
        return this;
    }

    public Path proc(String relative) {
        return proc.resolve(relative);
    }

    public Path etc(String relative) {
        return rootfs.resolve("etc").resolve(relative);
    }

    /**
     * Files under {@code dir} are opened anew on their next read: its entries changed, and a renamed device (eth0
     * renamed and a new eth0 created) would otherwise be read through the old one's kept descriptors.
     */
    public static void reopenUnder(Path dir) {
        KeptOpenFiles.forgetUnder(dir);
    }

    /** A buffer per reading thread: a scrape reads ~150 files, and a fresh buffer for each was most of its garbage. */
    private static final ThreadLocal<ReadBuffer> BUFFER = ThreadLocal.withInitial(ReadBuffer::new);
    /** A buffer grown past this by a huge file (a long /proc/net/udp) is not kept. */
    private static final int KEPT_BUFFER_MAX = 1 << 20;

    /**
     * Reads a pseudo file in one go (Latin-1: the fastest decoding; /proc numbers are ASCII). The first read is a
     * full buffer at offset 0: /proc/sys handlers report size 0 and answer EOF to any read that does not start at 0,
     * so Files.readAllBytes (which probes one byte first) would get only the first digit.
     */
    public static String read(Path file) throws IOException {
        ReadBuffer b = fill(file, false, true);
        return new String(b.data, 0, b.length, StandardCharsets.ISO_8859_1);
    }

    /** Reads like {@link #read} without keeping the descriptor: per-process files come and go with processes. */
    public static String readProcessFile(Path file) throws IOException {
        ReadBuffer b = fill(file, false, false);
        return new String(b.data, 0, b.length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a sysfs attribute like {@link #read}, but a first read that does not fill the buffer is taken as the whole
     * value, without a second read to see end-of-file: the kernel renders an attribute (at most a page) in one go, and
     * node_exporter reads attributes with a single read too.
     */
    public static String readAttribute(Path file) throws IOException {
        ReadBuffer b = fill(file, true, true);
        return new String(b.data, 0, b.length, StandardCharsets.ISO_8859_1);
    }

    /** The file's bytes, read from offset 0 with a full buffer (see {@link #read}). */
    public static byte[] readBytes(Path file) throws IOException {
        ReadBuffer b = fill(file, false, true);
        return Arrays.copyOf(b.data, b.length);
    }

    private static ReadBuffer fill(Path file, boolean attribute, boolean keep) throws IOException {
        ReadBuffer b = BUFFER.get();
        KeptOpenFiles.Outcome kept = keep ? KeptOpenFiles.read(file, reader -> b.fill(reader, attribute))
                : KeptOpenFiles.Outcome.NOT_KEPT;
        if (kept == KeptOpenFiles.Outcome.READ) {
            return b;
        }
        if (kept == KeptOpenFiles.Outcome.ABSENT_BEFORE && !file.toFile().exists()) {
            throw new AbsentFileException(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            b.fill((buf, off, len, position) -> in.read(buf, off, len), attribute);
        }
        return b;
    }

    /** This thread's buffer, and the bytes of its last read (valid until its next read). */
    private static final class ReadBuffer {
        byte[] kept = new byte[8192];
        byte[] data;
        int length;

        void fill(KeptOpenFiles.Reader reader, boolean attribute) throws IOException {
            byte[] buf = kept;
            int n = 0;
            for (int r; (r = reader.read(buf, n, buf.length - n, n)) > 0; ) {
                n += r;
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                } else if (attribute) {
                    break;
                }
            }
            if (buf.length <= KEPT_BUFFER_MAX) {
                kept = buf;
            }
            data = buf;
            length = n;
        }
    }

    /** Reads a text file that may hold names in UTF-8 (os-release, passwd). */
    public static String readUtf8(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
