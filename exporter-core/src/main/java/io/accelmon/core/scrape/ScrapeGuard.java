package io.accelmon.core.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Threads a scrape reads its sources on by default: about one per CPU, for sources that wait on tools and
     * devices (nvidia-smi, NVML, DCMI).
     */
    public static final int LANES_PER_CPU = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** By default, how long a scrape waits on busy lanes before it adds one for the reads not started yet. */
    public static final Duration STALL = Duration.ofMillis(100);
    private static final Object MANY = new Object();

    private final String prefix;
    private final Duration timeout;
    private final int lanes;
    private final long stallNanos;
    private final Map<String, Guarded> collectors = new LinkedHashMap<>();

    /** @param prefix e.g. {@code node_scrape}, {@code gpu_exporter} */
    public ScrapeGuard(String prefix, Duration timeout) {
        this(prefix, timeout, LANES_PER_CPU, STALL);
    }

    /**
     * @param lanes threads a scrape starts its reads on
     * @param stall how long the reads may go on before one more lane takes the reads not started yet (again after
     *              each such wait), so a read that blocks never holds up the others for longer
     */
    public ScrapeGuard(String prefix, Duration timeout, int lanes, Duration stall) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, not " + lanes);
        }
        this.prefix = prefix;
        this.timeout = timeout;
        this.lanes = lanes;
        this.stallNanos = Math.max(1, stall.toNanos());
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
        List<CompletableFuture<Result>> flights = new ArrayList<>(guarded.size());
        List<Start> starting = new ArrayList<>();
        Runnable[] read = new Runnable[1];
        for (Guarded g : guarded) {
            read[0] = null;
            flights.add(g.flight.flight(read));
            if (read[0] != null) {
                starting.add(new Start(g.lastNanos, read[0]));
            }
        }
        starting.sort((a, b) -> Long.compare(b.lastNanos, a.lastNanos));
        List<Runnable> reads = new ArrayList<>(starting.size());
        starting.forEach(s -> reads.add(s.read));
        ReadLanes readLanes = new ReadLanes(reads, SingleFlight.READERS);
        readLanes.start(lanes);
        awaitAll(flights, readLanes, deadline);

        Map<Guarded, Result> results = new LinkedHashMap<>();
        for (int i = 0; i < guarded.size(); i++) {
            results.put(guarded.get(i), await(guarded.get(i).collector.name(), flights.get(i), deadline));
        }
        Map<String, Object> producers = producers(results);
        List<MetricSnapshot> families = new ArrayList<>();
        GaugeSnapshot.Builder success = GaugeSnapshot.builder().name(prefix + "_collector_success")
                .help("Whether a collector succeeded (1) or failed or timed out (0) on this scrape.");
        GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name(prefix + "_collector_duration_seconds")
                .help("How long a collector's source read took.");
        for (Map.Entry<Guarded, Result> e : results.entrySet()) {
            Guarded g = e.getKey();
            Labels labels = g.labels();
            Result result = e.getValue();
            if (result != null) {
                families.addAll(yielded(g, result.families, producers));
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

    /** Waits until every read is done or the deadline passes, adding a lane whenever all lanes seem stuck. */
    private void awaitAll(List<CompletableFuture<Result>> flights, ReadLanes lanes, long deadline) {
        CompletableFuture<Void> all = CompletableFuture.allOf(flights.toArray(CompletableFuture[]::new));
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                all.get(Math.min(left, stallNanos), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                lanes.addLaneIfWaiting();
            } catch (ExecutionException e) {
                return; // all done, some failed: await() reports each
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    /** Each family name served on this scrape and the one collector that produced it, or {@link #MANY}. */
    private static Map<String, Object> producers(Map<Guarded, Result> results) {
        Map<String, Object> producers = new HashMap<>();
        results.forEach((g, r) -> {
            if (r != null) {
                r.families.forEach(f -> producers.merge(f.getMetadata().getPrometheusName(), g,
                        (a, b) -> a == b ? a : MANY));
            }
        });
        return producers;
    }

    private static List<MetricSnapshot> yielded(Guarded g, List<MetricSnapshot> own, Map<String, Object> producers) {
        try {
            return g.collector.yieldTo(new OthersNames(producers, g), own);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "collector " + g.collector.name() + " failed to yield to the others", e);
            return own;
        }
    }

    /** The family names the other collectors produced, as a view: most collectors never look at it. */
    private static final class OthersNames extends AbstractSet<String> {
        private final Map<String, Object> producers;
        private final Guarded self;

        OthersNames(Map<String, Object> producers, Guarded self) {
            this.producers = producers;
            this.self = self;
        }

        @Override
        public boolean contains(Object name) {
            Object producer = producers.get(name);
            return producer != null && producer != self;
        }

        @Override
        public Iterator<String> iterator() {
            return producers.entrySet().stream().filter(e -> e.getValue() != self).map(Map.Entry::getKey).iterator();
        }

        @Override
        public int size() {
            return (int) producers.values().stream().filter(v -> v != self).count();
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

    private record Start(long lastNanos, Runnable read) {
    }

    private record Result(List<MetricSnapshot> families, double seconds) {
    }

    private static final class Guarded {
        final SourceCollector collector;
        /** Made once per name; a collector's name may change (an exporter whose backend is chosen again). */
        private volatile Labels labels;
        final SingleFlight<Result> flight;
        /** How long the last read took: the longest reads start first. */
        volatile long lastNanos;

        Guarded(SourceCollector collector) {
            this.collector = collector;
            this.labels = Labels.of("collector", collector.name());
            this.flight = new SingleFlight<>(collector.name(), () -> {
                long start = System.nanoTime();
                List<MetricSnapshot> families = collector.collect();
                long nanos = System.nanoTime() - start;
                lastNanos = nanos;
                return new Result(List.copyOf(families), nanos / 1e9);
            });
        }

        Labels labels() {
            String name = collector.name();
            Labels current = labels;
            if (!name.equals(current.get("collector"))) {
                current = Labels.of("collector", name);
                labels = current;
            }
            return current;
        }
    }
}
