package io.accelmon.node.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds one node_exporter-style gauge or counter family point by point. A family's metadata is what client_java's
 * builder makes of its name and help, made once per name: its name checks cost more than most families' values.
 */
public final class Families {

    /** Families of every name a scrape has had; past this (names that keep changing) nothing more is kept. */
    private static final int KEPT_NAMES = 4096;
    private static final Map<String, MetricMetadata> GAUGES = new ConcurrentHashMap<>();
    private static final Map<String, MetricMetadata> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<String, MetricMetadata> UNTYPED = new ConcurrentHashMap<>();
    /** Label sets by their name/value pairs: client_java's checks of a label name cost more than looking it up. */
    private static final Map<List<String>, Labels> LABELS = new ConcurrentHashMap<>();
    private static final int KEPT_LABEL_SETS = 16384;

    private Families() {
    }

    public static Gauge gauge(String name, String help) {
        return new Gauge(name, help);
    }

    public static Counter counter(String name, String help) {
        return new Counter(name, help);
    }

    /** A single unlabelled gauge value. */
    public static MetricSnapshot gauge(String name, String help, double value) {
        return gauge(name, help).add(value).build();
    }

    /** A single unlabelled counter value. */
    public static MetricSnapshot counter(String name, String help, double value) {
        return counter(name, help).add(value).build();
    }

    /** A single unlabelled untyped value (node_exporter's {@code UntypedValue}: vmstat, netstat). */
    public static MetricSnapshot untyped(String name, String help, double value) {
        MetricMetadata metadata = metadata(UNTYPED, name, help,
                n -> UnknownSnapshot.builder().name(n).help(help).build().getMetadata());
        return new UnknownSnapshot(metadata, List.of(new UnknownDataPointSnapshot(value, Labels.EMPTY, null)));
    }

    /** {@code Labels.of(pairs)}, made once per distinct set (a host's devices, CPUs and modes hardly change). */
    static Labels labels(String... pairs) {
        if (pairs.length == 0) {
            return Labels.EMPTY;
        }
        List<String> key = Arrays.asList(pairs);
        Labels labels = LABELS.get(key);
        if (labels == null) {
            labels = Labels.of(pairs);
            if (LABELS.size() >= KEPT_LABEL_SETS) {
                LABELS.clear(); // label values that keep changing: start over rather than grow
            }
            LABELS.put(Arrays.asList(pairs.clone()), labels);
        }
        return labels;
    }

    private static MetricMetadata metadata(Map<String, MetricMetadata> kept, String name, String help,
                                           Function<String, MetricMetadata> make) {
        MetricMetadata m = kept.get(name);
        if (m != null && m.getHelp().equals(help)) {
            return m;
        }
        m = make.apply(name);
        if (kept.size() < KEPT_NAMES) {
            kept.put(name, m);
        }
        return m;
    }

    public static final class Gauge {
        private final String name;
        private final String help;
        private final List<GaugeDataPointSnapshot> points = new ArrayList<>();

        Gauge(String name, String help) {
            this.name = name;
            this.help = help;
        }

        public Gauge add(double value, String... labelPairs) {
            points.add(new GaugeDataPointSnapshot(value, labels(labelPairs), null));
            return this;
        }

        public Gauge add(Labels labels, double value) {
            points.add(new GaugeDataPointSnapshot(value, labels, null));
            return this;
        }

        public GaugeSnapshot build() {
            return new GaugeSnapshot(metadata(GAUGES, name, help,
                    n -> GaugeSnapshot.builder().name(n).help(help).build().getMetadata()), points);
        }
    }

    public static final class Counter {
        private final String name;
        private final String help;
        private final List<CounterDataPointSnapshot> points = new ArrayList<>();

        Counter(String name, String help) {
            this.name = name;
            this.help = help;
        }

        public Counter add(double value, String... labelPairs) {
            points.add(CounterDataPointSnapshot.builder().labels(labels(labelPairs)).value(value).build());
            return this;
        }

        public CounterSnapshot build() {
            return new CounterSnapshot(metadata(COUNTERS, name, help,
                    n -> CounterSnapshot.builder().name(n).help(help).build().getMetadata()), points);
        }
    }
}
