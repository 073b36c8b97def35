package io.accelmon.node.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;

/** Builds one node_exporter-style gauge or counter family point by point. */
public final class Families {

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
        return UnknownSnapshot.builder().name(name).help(help)
                .dataPoint(UnknownDataPointSnapshot.builder().value(value).build()).build();
    }

    public static final class Gauge {
        private final GaugeSnapshot.Builder builder;

        Gauge(String name, String help) {
            builder = GaugeSnapshot.builder().name(name).help(help);
        }

        public Gauge add(double value, String... labelPairs) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(labelPairs)).value(value).build());
            return this;
        }

        public Gauge add(Labels labels, double value) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
            return this;
        }

        public GaugeSnapshot build() {
            return builder.build();
        }
    }

    public static final class Counter {
        private final CounterSnapshot.Builder builder;

        Counter(String name, String help) {
            builder = CounterSnapshot.builder().name(name).help(help);
        }

        public Counter add(double value, String... labelPairs) {
            builder.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of(labelPairs)).value(value).build());
            return this;
        }

        public CounterSnapshot build() {
            return builder.build();
        }
    }
}
