package io.accelmon.core.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads of an exporter's HTTP server. The JDK server reads a new connection's request head on one of
 * these threads, so a client that sends its headers slowly holds a thread until the request-head timeout closes it:
 * the cap is high enough that a few hundred such clients leave free threads for real scrapes. An idle thread is
 * reused before a new one is made, and idle threads end after 30 s, so a scraper that scrapes one request at a time
 * keeps one thread alive. Past the cap, work waits in a bounded queue; past the queue, the connection is refused
 * rather than blocking the accepting thread.
 */
final class RequestThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private RequestThreads() {
    }

    static ExecutorService create(ServingLimits limits) {
        GrowFirstQueue queue = new GrowFirstQueue(limits.queueLength());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, limits.maxThreads(), 30, TimeUnit.SECONDS, queue, r -> {
            // request threads parse headers and write encoded bytes: a small stack is plenty, and it is resident
            // memory for every thread a slow client holds
            Thread t = new Thread(null, r, "http-" + COUNT.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown() || !queue.enqueue(task)) {
                throw new RejectedExecutionException("request queue full");
            }
        });
        queue.pool = pool;
        return pool;
    }

    /** Declines work while the pool may still grow and no thread is idle, so the pool adds a thread instead. */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private transient volatile ThreadPoolExecutor pool;

        GrowFirstQueue(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable task) {
            ThreadPoolExecutor p = pool;
            if (p != null && p.getPoolSize() < p.getMaximumPoolSize() && p.getActiveCount() >= p.getPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        boolean enqueue(Runnable task) {
            return super.offer(task);
        }
    }
}
