package io.accelmon.core.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one client_java collector an exporter registers: runs its {@link SourceCollector}s concurrently through
 * single-flight guards with one deadline, never throws into the registry, and emits
 * {@code <prefix>_collector_success{collector}} and {@code <prefix>_collector_duration_seconds{collector}}.
 */
public final class ScrapeGuard implements MultiCollector {

    private static final Logger LOG = Logger.getLogger(ScrapeGuard.class.getName());

    private final String prefix;
    private final Duration timeout;
    private final Map<String, Guarded> collectors = new LinkedHashMap<>();

    /** @param prefix e.g. {@code node_scrape}, {@code gpu_exporter} */
    public ScrapeGuard(String prefix, Duration timeout) {
        this.prefix = prefix;
        this.timeout = timeout;
    }

    public synchronized ScrapeGuard add(SourceCollector collector) {
        if (collectors.containsKey(collector.name())) {
            throw new IllegalArgumentException("collector '" + collector.name() + "' added twice");
        }
        collectors.put(collector.name(), new Guarded(collector));
        return this;
    }

    @Override
    public MetricSnapshots collect() {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Guarded> guarded;
        synchronized (this) {
            // collectors may still be added while the server already scrapes
            guarded = List.copyOf(collectors.values());
        }
        Map<Guarded, CompletableFuture<Result>> flights = new LinkedHashMap<>();
        for (Guarded g : guarded) {
            flights.put(g, g.flight.flight());
        }
        List<MetricSnapshot> families = new ArrayList<>();
        GaugeSnapshot.Builder success = GaugeSnapshot.builder().name(prefix + "_collector_success")
                .help("Whether a collector succeeded (1) or failed or timed out (0) on this scrape.");
        GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name(prefix + "_collector_duration_seconds")
                .help("How long a collector's source read took.");
        Map<Guarded, Result> results = new LinkedHashMap<>();
        for (Map.Entry<Guarded, CompletableFuture<Result>> e : flights.entrySet()) {
            results.put(e.getKey(), await(e.getKey().collector.name(), e.getValue(), deadline));
        }
        for (Map.Entry<Guarded, Result> e : results.entrySet()) {
            String name = e.getKey().collector.name();
            Labels labels = Labels.of("collector", name);
            Result result = e.getValue();
            if (result != null) {
                families.addAll(yielded(e.getKey().collector, result.families, results));
            }
            success.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(result != null ? 1 : 0).build());
            // a failed or timed-out read reports how long this scrape waited for it
            double seconds = result != null ? result.seconds : (System.nanoTime() - start) / 1e9;
            duration.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(seconds).build());
        }
        families.add(success.build());
        families.add(duration.build());
        return mergeByName(families);
    }

    private Result await(String name, CompletableFuture<Result> flight, long deadline) {
        try {
            return flight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "collector " + name + " timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            failed(name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(name, e);
        }
        return null;
    }

    /**
     * A failing source (an unreadable or malformed file, a tool's garbage output) is reported by the success
     * metric; the log gets one debug line naming it, the stack trace only at FINEST, so a source that fails on
     * every scrape does not flood the log.
     */
    private static void failed(String name, Throwable cause) {
        LOG.fine(() -> "collector " + name + " failed: " + cause);
        LOG.log(Level.FINEST, "collector " + name + " failure stack trace", cause);
    }

    private static List<MetricSnapshot> yielded(SourceCollector collector, List<MetricSnapshot> own,
                                                Map<Guarded, Result> results) {
        Set<String> others = new HashSet<>();
        results.forEach((g, r) -> {
            if (g.collector != collector && r != null) {
                r.families.forEach(f -> others.add(f.getMetadata().getPrometheusName()));
            }
        });
        try {
            return collector.yieldTo(others, own);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "collector " + collector.name() + " failed to yield to the others", e);
            return own;
        }
    }

    /** Families of the same name from different collectors would make the registry throw; keep the first. */
    private static MetricSnapshots mergeByName(List<MetricSnapshot> families) {
        Map<String, MetricSnapshot> byName = new LinkedHashMap<>();
        for (MetricSnapshot family : families) {
            MetricSnapshot previous = byName.putIfAbsent(family.getMetadata().getPrometheusName(), family);
            if (previous != null) {
                LOG.warning(() -> "metric family " + family.getMetadata().getName()
                        + " produced by two collectors; keeping the first");
            }
        }
        return new MetricSnapshots(byName.values());
    }

    private record Result(List<MetricSnapshot> families, double seconds) {
    }

    private static final class Guarded {
        final SourceCollector collector;
        final SingleFlight<Result> flight;

        Guarded(SourceCollector collector) {
            this.collector = collector;
            this.flight = new SingleFlight<>(collector.name(), () -> {
                long start = System.nanoTime();
                List<MetricSnapshot> families = collector.collect();
                return new Result(List.copyOf(families), (System.nanoTime() - start) / 1e9);
            });
        }
    }
}
