package io.accelmon.node.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Descriptors of procfs and sysfs files kept open between scrapes and read again from offset 0. The kernel renders
 * a pseudo file anew on every read that starts at offset 0, so opening it again each scrape (a path walk through
 * sysfs, the larger part of the kernel's work in a scrape) buys nothing.
 *
 * <p>Only files under a root that is a real procfs or sysfs mount are kept: a fixture tree, or a regular file that
 * is replaced by a rename, must be opened anew. When a kept file's read fails, the path is looked up again (at most
 * every {@link #SAME_FILE_NANOS}): if it is still the same file (device and inode), the failure is that file's
 * answer (EINVAL from {@code speed} of a virtual link, {@code carrier} of a link that is down) and is thrown with the
 * descriptor kept; otherwise (a device that went away, or was replaced under the same name) the descriptor is closed
 * and the file read the ordinary way, so it reads as absent, or as the new device, exactly as before. Files unread
 * for a minute (devices that went away) are closed, and at most {@value #MAX_OPEN} are open.
 */
final class KeptOpenFiles {

    static final int MAX_OPEN = 1024;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * How long a failing kept file, once found to be still the same file, is taken to be so without looking it up
     * again (the lookup cost more than the read): a device replaced under the same name in that time misses the
     * attribute for at most this long.
     */
    private static final long SAME_FILE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final List<Path> ROOTS = new CopyOnWriteArrayList<>();
    private static final Map<Path, Handle> HANDLES = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_SWEEP = new AtomicLong(System.nanoTime() + IDLE_NANOS);

    private KeptOpenFiles() {
    }

    /** Keeps files under {@code root} open if it is a procfs or sysfs mount; true if it is. */
    static boolean keepUnder(Path root) {
        String type;
        try {
            FileStore store = Files.getFileStore(root);
            type = store.type();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (!type.equals("proc") && !type.equals("sysfs")) {
            return false;
        }
        Path normal = root.toAbsolutePath().normalize();
        if (!ROOTS.contains(normal)) {
            ROOTS.add(normal);
        }
        return true;
    }

    /** What {@link #read} did. */
    enum Outcome {
        /** The sink was filled through a kept descriptor. */
        READ,
        /** Not read: the file is not kept (not under a kept root, busy, over the limit, or failing). */
        NOT_KEPT,
        /** Not read: the file did not exist when it was last opened; it may exist now. */
        ABSENT_BEFORE
    }

    /**
     * Reads {@code file} from offset 0 through a kept descriptor into {@code sink}, or says why it did not; throws
     * the read's failure when it is the kept file's own answer.
     */
    static Outcome read(Path file, Sink sink) throws IOException {
        if (ROOTS.isEmpty()) {
            return Outcome.NOT_KEPT;
        }
        long now = System.nanoTime();
        sweepIfDue(now);
        Handle h = HANDLES.get(file);
        if (h == null) {
            if (!underRoot(file) || HANDLES.size() >= MAX_OPEN) {
                return Outcome.NOT_KEPT;
            }
            h = Handle.open(file, now);
            Handle raced = HANDLES.putIfAbsent(file, h);
            if (raced != null) {
                h.close();
                h = raced;
            }
        }
        if (h.channel == null) {
            return h.absent ? Outcome.ABSENT_BEFORE : Outcome.NOT_KEPT;
        }
        if (!h.lock.tryLock()) {
            return Outcome.NOT_KEPT;
        }
        try {
            if (!h.channel.isOpen()) { // retired while this thread waited for it
                return Outcome.NOT_KEPT;
            }
            h.lastUsed = now;
            sink.fill(h::read);
            return Outcome.READ;
        } catch (IOException failed) {
            if (!h.channel.isOpen()) { // closed under the read (an interrupt): not the file's answer
                discard(file, h, now);
                return Outcome.NOT_KEPT;
            }
            if (now - h.sameFileSince < SAME_FILE_NANOS) {
                throw failed;
            }
            if (h.fileKey != null && h.fileKey.equals(fileKey(file))) {
                h.sameFileSince = now;
                throw failed;
            }
            discard(file, h, now);
            return Outcome.NOT_KEPT;
        } catch (RuntimeException failed) {
            discard(file, h, now);
            return Outcome.NOT_KEPT;
        } finally {
            h.lock.unlock();
        }
    }

    private static void discard(Path file, Handle h, long now) {
        h.close();
        HANDLES.replace(file, h, Handle.notKept(now, false));
    }

    /** The file's device and inode, or null when it is not there. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Closes the kept files under {@code dir} (its entries changed: a renamed device keeps its old descriptors). */
    static void forgetUnder(Path dir) {
        for (Map.Entry<Path, Handle> e : HANDLES.entrySet()) {
            if (e.getKey().startsWith(dir)) {
                retire(e.getKey(), e.getValue());
            }
        }
    }

    /** How many descriptors are open now (for tests). */
    static int openCount() {
        int n = 0;
        for (Handle h : HANDLES.values()) {
            if (h.channel != null && h.channel.isOpen()) {
                n++;
            }
        }
        return n;
    }

    private static boolean underRoot(Path file) {
        for (Path root : ROOTS) {
            if (file.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private static void sweepIfDue(long now) {
        long due = NEXT_SWEEP.get();
        if (now - due < 0 || !NEXT_SWEEP.compareAndSet(due, now + IDLE_NANOS)) {
            return;
        }
        for (Map.Entry<Path, Handle> e : HANDLES.entrySet()) {
            if (now - e.getValue().lastUsed > IDLE_NANOS || e.getValue().channel == null) {
                retire(e.getKey(), e.getValue());
            }
        }
    }

    /** Removes and closes a handle unless another thread is reading it (that read's failure or a later sweep will). */
    private static void retire(Path file, Handle h) {
        if (!h.lock.tryLock()) {
            return;
        }
        try {
            HANDLES.remove(file, h);
            h.close();
        } finally {
            h.lock.unlock();
        }
    }

    /** Reads at a position into part of an array; the ordinary way ignores the position and reads on. */
    interface Reader {
        int read(byte[] buf, int off, int len, long position) throws IOException;
    }

    /** Fills a buffer through a {@link Reader}. */
    interface Sink {
        void fill(Reader reader) throws IOException;
    }

    private static final class Handle {
        final FileChannel channel;
        /** Device and inode of the file opened. */
        final Object fileKey;
        /** When a failing read last found the path still naming this file (long ago at first). */
        volatile long sameFileSince;
        /** For a path not kept: it did not exist when opened. */
        final boolean absent;
        final ReentrantLock lock = new ReentrantLock();
        volatile long lastUsed;

        private Handle(FileChannel channel, Object fileKey, boolean absent, long now) {
            this.channel = channel;
            this.fileKey = fileKey;
            this.absent = absent;
            this.lastUsed = now;
            this.sameFileSince = now - SAME_FILE_NANOS;
        }

        static Handle open(Path file, long now) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                return new Handle(channel, fileKey(file), false, now);
            } catch (NoSuchFileException e) {
                return notKept(now, true);
            } catch (IOException | RuntimeException e) {
                return notKept(now, false);
            }
        }

        /** A mark for a path read the ordinary way until the next sweep. */
        static Handle notKept(long now, boolean absent) {
            return new Handle(null, null, absent, now);
        }

        int read(byte[] buf, int off, int len, long position) throws IOException {
            return channel.read(ByteBuffer.wrap(buf, off, len), position);
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a pseudo file's close does not fail in a way that matters here
                }
            }
        }
    }
}
