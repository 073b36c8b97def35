package io.accelmon.jobs;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gauge and counter data points of the job families, grouped by family name in first-seen order. */
final class JobFamilies {

    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();

    JobFamilies gauge(String name, String help, Labels labels, double value) {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        return this;
    }

    /** {@code name} without {@code _total}; the exposition adds it. */
    JobFamilies counter(String name, String help, Labels labels, double value) {
        counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        return this;
    }

    /** Declares a gauge family even when it has no data points this time. */
    JobFamilies declare(String name, String help) {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help));
        return this;
    }

    List<MetricSnapshot> build() {
        List<MetricSnapshot> out = new ArrayList<>();
        gauges.values().forEach(b -> out.add(b.build()));
        counters.values().forEach(b -> out.add(b.build()));
        return out;
    }
}
