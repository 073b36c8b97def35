package io.accelmon.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a configuration file a person hands to a tool, within limits: at most {@code maxBytes}, UTF-8 text only, and
 * a non-regular file (a FIFO, {@code /dev/stdin}, a device) must deliver within {@code timeout}. Every refusal is a
 * {@link Refused} whose message is one line: the file and the reason.
 */
public final class BoundedText {

    private BoundedText() {
    }

    /** The file could not be read as configuration text; {@link #getMessage()} is {@code FILE: reason}. */
    public static final class Refused extends Exception {
        private final String reason;

        Refused(Path file, String reason) {
            super(file + ": " + reason);
            this.reason = reason;
        }

        /** The reason alone, without the file name. */
        public String reason() {
            return reason;
        }
    }

    public static String read(Path file, long maxBytes, Duration timeout) throws Refused {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new Refused(file, reason(e));
        }
        if (attrs.isDirectory()) {
            throw new Refused(file, "is a directory, not a file");
        }
        if (attrs.isRegularFile()) {
            if (attrs.size() > maxBytes) {
                throw new Refused(file, "is " + attrs.size() + " bytes, more than the limit of " + maxBytes);
            }
            return decode(file, readCapped(file, maxBytes));
        }
        // A FIFO blocks in open() until a writer appears, which no interrupt undoes: read on a daemon thread.
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                bytes.complete(readCapped(file, maxBytes));
            } catch (Refused | RuntimeException e) {
                bytes.completeExceptionally(e);
            }
        }, "bounded-read " + file.getFileName());
        reader.setDaemon(true);
        reader.start();
        try {
            return decode(file, bytes.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new Refused(file, "not a regular file, and it delivered no complete text within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refused r) {
                throw r;
            }
            throw new Refused(file, "cannot read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(file, "interrupted while reading");
        }
    }

    private static byte[] readCapped(Path file, long maxBytes) throws Refused {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new Refused(file, "is more than the limit of " + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new Refused(file, reason(e));
        }
    }

    private static String decode(Path file, byte[] data) throws Refused {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                throw new Refused(file, "not UTF-8 text at byte " + i + " (a NUL byte: binary data)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new Refused(file, "not UTF-8 text at byte " + in.position());
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A short human reason for an I/O failure: "permission denied", "no such file", … */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String why = fs.getReason();
            return why.equalsIgnoreCase("Permission denied") ? "permission denied" : why.toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
