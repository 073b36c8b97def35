package io.accelmon.npu.collect;

import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.net.NetworkMonitor;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final NetworkMonitor network;
    private volatile double lastCycleSeconds;

    public SnapshotLoop(NpuBackend backend, Duration interval) {
        this(backend, interval, null);
    }

    /** {@code network} (may be null) queries one chip's network health after each successful NPU cycle. */
    public SnapshotLoop(NpuBackend backend, Duration interval, NetworkMonitor network) {
        this.backend = backend;
        this.interval = interval;
        this.network = network;
    }

    public SnapshotLoop start() {
        executor.scheduleWithFixedDelay(this::cycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs one cycle now on the caller's thread (tests, and the loop itself). */
    public void cycle() {
        long start = System.nanoTime();
        try {
            NpuSnapshot s = backend.collect(latest.get());
            latest.set(s);
            if (network != null && s.backendUp()) {
                Map<ChipKey, Integer> devices = new LinkedHashMap<>();
                s.chips().forEach(c -> devices.put(c.key(), HuaweiNaming.logicId(s, c)));
                network.cycle(devices);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NPU collection cycle failed", e);
            latest.set(Snapshots.failed(latest.get(), backend.name(), String.valueOf(e)));
        }
        lastCycleSeconds = (System.nanoTime() - start) / 1e9;
    }

    public NpuSnapshot latest() {
        return latest.get();
    }

    /** The network monitor, or null when hccn_tool is not used. */
    public NetworkMonitor network() {
        return network;
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
