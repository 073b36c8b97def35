package io.accelmon.core.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads of an exporter's HTTP server. Enough of them that concurrent scrapes waiting on one slow source
 * (each bounded by the collector timeout) wait in parallel rather than one after another; beyond that, requests queue
 * and the accepting thread blocks instead of dropping connections.
 */
final class RequestThreads {

    static final int MAX_THREADS = 64;
    private static final int QUEUE = 256;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private RequestThreads() {
    }

    static ExecutorService create() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
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
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
