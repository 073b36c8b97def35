package io.accelmon.npu.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accumulates gauge and counter data points by family name, dropping duplicate label sets. */
public final class Families {

    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
    private final Map<String, Set<Labels>> seen = new LinkedHashMap<>();

    public Families gauge(String name, String help, Labels labels, double value) {
        if (first(name, labels)) {
            gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }
        return this;
    }

    /** {@code name} without {@code _total}; the exposition adds it. */
    public Families counter(String name, String help, Labels labels, double value) {
        if (first(name, labels)) {
            counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value)
                            .build());
        }
        return this;
    }

    /** Declares a gauge family even when it has no data points this time. */
    public Families declare(String name, String help) {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help));
        return this;
    }

    private boolean first(String name, Labels labels) {
        return seen.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(labels);
    }

    public List<MetricSnapshot> build() {
        List<MetricSnapshot> out = new ArrayList<>();
        gauges.values().forEach(b -> out.add(b.build()));
        counters.values().forEach(b -> out.add(b.build()));
        return out;
    }
}
