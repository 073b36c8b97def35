package io.accelmon.npu.collect;

import io.accelmon.npu.model.NpuSnapshot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the backend in one background thread every interval (fixed delay, so cycles never overlap) and keeps the
 * latest snapshot for scrapes, which never wait on a device.
 */
public final class SnapshotLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnapshotLoop.class.getName());

    private final NpuBackend backend;
    private final Duration interval;
    private final AtomicReference<NpuSnapshot> latest = new AtomicReference<>(NpuSnapshot.none());
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "npu-collect");
        t.setDaemon(true);
        return t;
    });
    private volatile double lastCycleSeconds;

    public SnapshotLoop(NpuBackend backend, Duration interval) {
        this.backend = backend;
        this.interval = interval;
    }

    public SnapshotLoop start() {
        executor.scheduleWithFixedDelay(this::cycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs one cycle now on the caller's thread (tests, and the loop itself). */
    public void cycle() {
        long start = System.nanoTime();
        try {
            latest.set(backend.collect(latest.get()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NPU collection cycle failed", e);
            latest.set(Snapshots.failed(latest.get(), backend.name(), String.valueOf(e)));
        }
        lastCycleSeconds = (System.nanoTime() - start) / 1e9;
    }

    public NpuSnapshot latest() {
        return latest.get();
    }

    public NpuBackend backend() {
        return backend;
    }

    public double lastCycleSeconds() {
        return lastCycleSeconds;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
