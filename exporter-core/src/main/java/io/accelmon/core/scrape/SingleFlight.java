package io.accelmon.core.scrape;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time-limited, single-flight reads of one source: concurrent callers share the read in flight instead of starting
 * their own, and each caller waits at most its timeout. A source that hangs costs each caller the timeout and runs
 * only once until it returns.
 */
public final class SingleFlight<T> {

    // Shared and cached: a thread per read costs more CPU than a fast source's read itself; a hung source holds at
    // most one pooled thread because its flight is joined, never duplicated.
    static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "source-read");
        t.setDaemon(true);
        return t;
    });

    private final Callable<T> read;
    private final Executor executor;
    private CompletableFuture<T> inFlight;

    public SingleFlight(String name, Callable<T> read) {
        this.read = read;
        this.executor = READERS;
    }

    /** Joins the read in flight, or starts one, and waits at most {@code timeout} for it. */
    public T get(Duration timeout) throws TimeoutException, ExecutionException, InterruptedException {
        return flight().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The read in flight, or a new one; callers can wait on several with one deadline. */
    public CompletableFuture<T> flight() {
        Runnable[] start = new Runnable[1];
        CompletableFuture<T> f = flight(start);
        if (start[0] != null) {
            executor.execute(start[0]);
        }
        return f;
    }

    /**
     * The read in flight, or a new one that is not started yet: then {@code start[0]} is the read, which the caller
     * must run (once, on a thread that may block) - {@link ScrapeGuard} runs many sources' reads on a few threads.
     */
    synchronized CompletableFuture<T> flight(Runnable[] start) {
        if (inFlight == null || inFlight.isDone()) {
            CompletableFuture<T> next = new CompletableFuture<>();
            inFlight = next;
            start[0] = () -> {
                try {
                    next.complete(read.call());
                } catch (Throwable e) {
                    next.completeExceptionally(e);
                }
            };
        }
        return inFlight;
    }
}
