package io.accelmon.node.textfile;

import io.accelmon.core.input.FileKinds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one textfile so that no file can hold or flood a scrape: only regular files are opened (a FIFO would block in
 * {@code open()}, a device never ends), the file and each line are size-capped, and the read waits at most until the
 * scrape's deadline. A read that misses the deadline is not started again while it still hangs, so a file on a dead
 * mount costs one blocked thread, not one per scrape.
 */
public final class TextfileReader {

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "textfile-read");
        t.setDaemon(true);
        return t;
    });

    private final int maxLineBytes;
    private final Map<Path, CompletableFuture<byte[]>> hanging = new ConcurrentHashMap<>();

    public TextfileReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** A file's text and modification time. */
    public record Content(String text, double mtimeSeconds, long bytes) {
    }

    /** A file that was left out; the message is one line, without the file name. */
    public static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        public Skipped(String reason) {
            super(reason);
        }
    }

    /**
     * @param maxBytes       the most this file may hold
     * @param limitName      what {@code maxBytes} is, for the message (e.g. {@code the limit of 1048576})
     * @param deadlineNanos  {@link System#nanoTime()} by which the text must be read
     */
    public Content read(Path file, long maxBytes, String limitName, long deadlineNanos) throws Skipped {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Skipped(Files.isSymbolicLink(file) ? "a symlink to a missing file" : "no such file");
        } catch (FileSystemException e) {
            throw new Skipped(e.getReason() != null ? e.getReason().toLowerCase(Locale.ROOT) : e.toString());
        } catch (IOException e) {
            throw new Skipped("cannot read: " + e.getMessage());
        }
        if (!attrs.isRegularFile()) {
            throw new Skipped("not a regular file (" + FileKinds.of(file, attrs) + "); only regular files are read");
        }
        if (attrs.size() > maxBytes) {
            throw new Skipped("is " + attrs.size() + " bytes, more than " + limitName);
        }
        byte[] data = readBefore(file, maxBytes, deadlineNanos);
        checkLines(data);
        return new Content(new String(data, StandardCharsets.UTF_8), attrs.lastModifiedTime().toMillis() / 1000.0,
                data.length);
    }

    private byte[] readBefore(Path file, long maxBytes, long deadlineNanos) throws Skipped {
        CompletableFuture<byte[]> earlier = hanging.get(file);
        if (earlier != null && !earlier.isDone()) {
            throw new Skipped("an earlier read of it still hangs (the file system does not answer)");
        }
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readCapped(file, maxBytes), READERS);
        try {
            return read.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            hanging.put(file, read);
            read.whenComplete((bytes, error) -> hanging.remove(file, read));
            throw new Skipped("not read before the scrape deadline");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new Skipped(cause instanceof ReadFailure f ? f.getMessage() : "cannot read: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Skipped("interrupted while reading");
        }
    }

    private static byte[] readCapped(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new ReadFailure("grew past the limit of " + maxBytes + " bytes while being read");
            }
            return data;
        } catch (IOException e) {
            throw new ReadFailure("cannot read: " + e.getMessage());
        }
    }

    private void checkLines(byte[] data) throws Skipped {
        int lineStart = 0;
        int line = 1;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                if (i - lineStart > maxLineBytes) {
                    throw new Skipped("line " + line + " is " + (i - lineStart) + " bytes, more than the limit of "
                            + maxLineBytes);
                }
                lineStart = i + 1;
                line++;
            }
        }
    }

    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(String message) {
            super(message);
        }
    }
}
