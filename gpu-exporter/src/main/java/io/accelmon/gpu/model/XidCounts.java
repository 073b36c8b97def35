package io.accelmon.gpu.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Xid errors seen since the exporter started, per GPU and Xid code, when each code was last seen, and the last code
 * per GPU. Thread-safe.
 */
public final class XidCounts {

    /** One GPU's Xid history: count and last-seen time (Unix seconds) per code, and the most recent code. */
    public record GpuXids(Map<Long, Long> countByXid, Map<Long, Double> lastSeenByXid, long lastXid) {
    }

    private final Map<Integer, Map<Long, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final Map<Integer, Map<Long, Double>> seen = new ConcurrentHashMap<>();
    private final Map<Integer, Long> last = new ConcurrentHashMap<>();

    public void record(int gpuIndex, long xid) {
        counts.computeIfAbsent(gpuIndex, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(xid, x -> new AtomicLong()).incrementAndGet();
        seen.computeIfAbsent(gpuIndex, g -> new ConcurrentHashMap<>()).put(xid, System.currentTimeMillis() / 1000.0);
        last.put(gpuIndex, xid);
    }

    /** A copy for one GPU; empty counts and last 0 when none was seen (dcgm-exporter's convention for "none"). */
    public GpuXids of(int gpuIndex) {
        Map<Long, Long> copy = new TreeMap<>();
        counts.getOrDefault(gpuIndex, Map.of()).forEach((xid, n) -> copy.put(xid, n.get()));
        return new GpuXids(copy, new TreeMap<>(seen.getOrDefault(gpuIndex, Map.of())),
                last.getOrDefault(gpuIndex, 0L));
    }
}
