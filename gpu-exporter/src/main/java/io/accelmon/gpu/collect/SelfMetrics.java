package io.accelmon.gpu.collect;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exporter's own state, served even when the GPU source hangs: which backend is up, parse errors, lost GPUs
 * (as of the last completed read). Collector success and duration come from exporter-core's ScrapeGuard.
 */
public final class SelfMetrics implements MultiCollector {

    private volatile Backend backend = new Backend("none", false);
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong lostGpus = new AtomicLong();
    private final Map<List<String>, AtomicLong> transitions = new ConcurrentHashMap<>();

    /** Counts one change of backend, e.g. {@code none} to {@code nvidia-smi} once it answers again. */
    public void transition(String from, String to) {
        transitions.computeIfAbsent(List.of(from, to), k -> new AtomicLong()).incrementAndGet();
    }

    /** Records the backend in use: {@code nvml}, {@code nvidia-smi} or {@code none}. */
    public void backend(String name, boolean isUp) {
        this.backend = new Backend(name, isUp);
    }

    /** Name and state together, so a scrape never pairs one backend's name with another's state. */
    private record Backend(String name, boolean up) {
    }

    public void parseError() {
        parseErrors.incrementAndGet();
    }

    public long parseErrors() {
        return parseErrors.get();
    }

    void lostGpus(long count) {
        lostGpus.set(count);
    }

    /**
     * Runs {@code guard} first, then adds the self-metrics, so parse errors and lost GPUs of this very scrape are
     * counted (the registry does not promise an order between collectors).
     */
    public MultiCollector after(MultiCollector guard) {
        return () -> {
            MetricSnapshots.Builder all = MetricSnapshots.builder();
            guard.collect().forEach(all::metricSnapshot);
            collect().forEach(all::metricSnapshot);
            return all.build();
        };
    }

    @Override
    public MetricSnapshots collect() {
        Backend inUse = backend;
        CounterSnapshot.Builder changes = CounterSnapshot.builder().name("gpu_exporter_backend_transitions")
                .help("Changes of the GPU backend since start (from, to), e.g. none to nvidia-smi once it answers "
                        + "again, or nvidia-smi to none when it fails and no backend answers a new probe.");
        transitions.forEach((k, n) -> changes.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("from", k.get(0), "to", k.get(1))).value(n.get()).build()));
        return MetricSnapshots.builder()
                .metricSnapshot(changes.build())
                .metricSnapshot(GaugeSnapshot.builder().name("gpu_exporter_backend_up")
                        .help("1 when a GPU backend (NVML or nvidia-smi) is chosen and initialised, else 0.")
                        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("backend", inUse.name()))
                                .value(inUse.up() ? 1 : 0).build())
                        .build())
                .metricSnapshot(CounterSnapshot.builder().name("gpu_exporter_parse_errors")
                        .help("Times nvidia-smi printed output that could not be parsed (empty, truncated, garbage).")
                        .dataPoint(CounterDataPointSnapshot.builder().value(parseErrors.get()).build())
                        .build())
                .metricSnapshot(GaugeSnapshot.builder().name("gpu_exporter_lost_gpus")
                        .help("GPUs reported lost (fallen off the bus) by the last completed read.")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(lostGpus.get()).build())
                        .build())
                .build();
    }
}
