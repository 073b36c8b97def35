package io.accelmon.core.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads of an exporter's HTTP server. Enough of them that concurrent scrapes waiting on one slow source
 * (each bounded by the collector timeout) wait in parallel rather than one after another; beyond that, the accepting
 * thread blocks until one is free instead of dropping connections. Threads are created only when every existing one is
 * busy, so a scraper that scrapes one request at a time keeps one thread alive, not 64.
 */
final class RequestThreads {

    static final int MAX_THREADS = 64;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private RequestThreads() {
    }

    static ExecutorService create() {
        return new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "http-" + COUNT.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> {
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("server stopped");
                    }
                    try {
                        executor.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted", e);
                    }
                });
    }
}
