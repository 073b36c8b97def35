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
        Pool pool = new Pool(limits.maxThreads(), queue);
        queue.pool = pool;
        return pool;
    }

    /** Counts the requests handed over and not yet finished, which the queue compares with the threads there are. */
    private static final class Pool extends ThreadPoolExecutor {

        private final AtomicInteger unfinished = new AtomicInteger();

        Pool(int maxThreads, GrowFirstQueue queue) {
            super(0, maxThreads, 30, TimeUnit.SECONDS, queue, Pool::newThread, (task, executor) -> {
                if (executor.isShutdown() || !queue.enqueue(task)) {
                    throw new RejectedExecutionException("request queue full");
                }
            });
        }

        private static Thread newThread(Runnable r) {
            // request threads parse headers and write encoded bytes: a small stack is plenty, and it is resident
            // memory for every thread a slow client holds
            Thread t = new Thread(null, r, "http-" + COUNT.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        }

        @Override
        public void execute(Runnable task) {
            unfinished.incrementAndGet();
            try {
                super.execute(task);
            } catch (RejectedExecutionException e) {
                unfinished.decrementAndGet();
                throw e;
            }
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            unfinished.decrementAndGet();
        }
    }

    /**
     * Queues a request only when a thread is free to take it or no thread may be added; otherwise the pool adds one.
     * A thread is free when fewer requests are unfinished, this one included, than there are threads. Counting
     * instead of asking the pool which threads are busy keeps the check O(1) and free of the moment a new thread
     * has started but not yet taken its first request, when the pool reports it idle.
     */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private transient volatile Pool pool;

        GrowFirstQueue(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable task) {
            Pool p = pool;
            if (p != null) {
                int threads = p.getPoolSize();
                if (p.unfinished.get() > threads && threads < p.getMaximumPoolSize()) {
                    return false;
                }
            }
            return super.offer(task);
        }

        boolean enqueue(Runnable task) {
            return super.offer(task);
        }
    }
}
