package io.accelmon.node.source;

import com.sun.jna.platform.linux.LibC;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * statvfs(3) per mount point, in parallel and behind a deadline, the way node_exporter guards against a hung NFS
 * server: a call that does not return in time marks its mount point stuck, and later scrapes skip it (reporting
 * {@code node_filesystem_device_error 1}) until that call finally returns.
 */
public final class Statfs {

    /** Space and inode counts of one file system, in bytes and inodes. */
    public record Usage(double size, double free, double avail, double files, double filesFree) {
    }

    /** A mount point's outcome: usage, or the error node_exporter would name. */
    public record Outcome(Usage usage, String error) {
        public boolean ok() {
            return usage != null;
        }
    }

    /** Reads one mount point; the real one calls statvfs(3), tests pass a fake. */
    @FunctionalInterface
    public interface Reader {
        Usage read(String mountPoint) throws Exception;
    }

    private final Reader reader;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "statfs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Future<Usage>> stuck = new ConcurrentHashMap<>();

    public Statfs(Reader reader) {
        this.reader = reader;
    }

    public static Statfs system() {
        return new Statfs(Statfs::statvfs);
    }

    /** One result structure per statfs thread: building a JNA structure (its layout, its native memory) each call
     * cost more than the call. */
    private static final ThreadLocal<LibC.Statvfs> RESULT = ThreadLocal.withInitial(LibC.Statvfs::new);

    static Usage statvfs(String mountPoint) {
        LibC.Statvfs buf = RESULT.get();
        if (LibC.INSTANCE.statvfs(mountPoint, buf) != 0) {
            throw new IllegalStateException("statvfs failed, errno " + com.sun.jna.Native.getLastError());
        }
        double frsize = buf.f_frsize.longValue() != 0 ? buf.f_frsize.longValue() : buf.f_bsize.longValue();
        return new Usage(unsigned(buf.f_blocks.longValue()) * frsize, unsigned(buf.f_bfree.longValue()) * frsize,
                unsigned(buf.f_bavail.longValue()) * frsize, unsigned(buf.f_files.longValue()),
                unsigned(buf.f_ffree.longValue()));
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : v + 0x1p64;
    }

    /** Reads every mount point concurrently and waits at most {@code timeout} for all of them together. */
    public Map<String, Outcome> read(List<String> mountPoints, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Future<Usage>> calls = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(mountPoints);
        for (String mp : order) {
            Future<Usage> pending = stuck.get(mp);
            if (pending != null && !pending.isDone()) {
                continue;
            }
            stuck.remove(mp);
            calls.put(mp, pool.submit(() -> reader.read(mp)));
        }
        for (String mp : order) {
            Future<Usage> call = calls.get(mp);
            if (call == null) {
                outcomes.put(mp, new Outcome(null, "mountpoint timeout"));
                continue;
            }
            try {
                outcomes.put(mp, new Outcome(call.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS), null));
            } catch (TimeoutException e) {
                stuck.put(mp, call);
                outcomes.put(mp, new Outcome(null, "mountpoint timeout"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.put(mp, new Outcome(null, "interrupted"));
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                outcomes.put(mp, new Outcome(null, String.valueOf(cause.getMessage())));
            }
        }
        return outcomes;
    }
}
