package io.accelmon.node.source;

import com.sun.jna.platform.linux.LibC;
import io.accelmon.core.scrape.ReadLanes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

    /** Marks a mount point whose call had not started by the deadline; it is never started for that scrape. */
    private static final CompletableFuture<Usage> NOT_STARTED = new CompletableFuture<>();

    /** How long no call may return before the mount points not started get another thread. */
    private static final long STALL_MILLIS = 50;

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

    /**
     * One result structure per statfs thread: building a JNA structure (its layout, its native memory) each call
     * cost more than the call.
     */
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

    /**
     * Reads every mount point and waits at most {@code timeout} for all of them together. The calls run one after
     * the other on one pooled thread (a hand-off per mount point cost more than the calls); whenever no call has
     * returned for {@value #STALL_MILLIS} ms, another thread takes the mount points not started yet, so a hung mount
     * holds up only itself, as with a thread per call.
     */
    public Map<String, Outcome> read(List<String> mountPoints, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> order = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (String mp : new LinkedHashSet<>(mountPoints)) {
            Future<Usage> pending = stuck.get(mp);
            if (pending == null || pending.isDone()) {
                stuck.remove(mp);
                index.put(mp, order.size());
                order.add(mp);
            }
        }
        AtomicReferenceArray<CompletableFuture<Usage>> calls = callAll(order, deadline);

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String mp : mountPoints) {
            Integer i = index.get(mp);
            CompletableFuture<Usage> call = i == null ? null : calls.get(i);
            if (call == null || call == NOT_STARTED) { // stuck since an earlier scrape, or not started in time
                outcomes.put(mp, new Outcome(null, "mountpoint timeout"));
            } else if (!call.isDone()) {
                stuck.put(mp, call);
                outcomes.put(mp, new Outcome(null, "mountpoint timeout"));
            } else {
                try {
                    outcomes.put(mp, new Outcome(call.getNow(null), null));
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    outcomes.put(mp, new Outcome(null, String.valueOf(cause.getMessage())));
                }
            }
        }
        return outcomes;
    }

    /**
     * Starts the calls on one lane and waits for them all or the deadline, adding a lane whenever no call has
     * returned for {@value #STALL_MILLIS} ms while some are not started; a call is set when it starts.
     */
    private AtomicReferenceArray<CompletableFuture<Usage>> callAll(List<String> order, long deadline) {
        AtomicReferenceArray<CompletableFuture<Usage>> calls = new AtomicReferenceArray<>(order.size());
        CountDownLatch done = new CountDownLatch(order.size());
        List<Runnable> reads = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            int index = i;
            reads.add(() -> {
                CompletableFuture<Usage> call = new CompletableFuture<>();
                if (!calls.compareAndSet(index, null, call)) {
                    done.countDown(); // the scrape ended before this call started: the next scrape reads the mount
                    return;
                }
                try {
                    call.complete(reader.read(order.get(index)));
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
                done.countDown();
            });
        }
        ReadLanes lanes = new ReadLanes(reads, pool);
        lanes.start(1);
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                long before = done.getCount();
                if (done.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (done.getCount() == before) {
                    lanes.addLaneIfWaiting();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a call that would start after this point would hang unseen, neither reported nor kept as stuck
        for (int i = 0; i < order.size(); i++) {
            calls.compareAndSet(i, null, NOT_STARTED);
        }
        return calls;
    }
}
