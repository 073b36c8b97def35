package io.accelmon.gpu.collect;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects data points into metric families by name for one scrape, so the same family can be filled device by
 * device. Names follow client_java: counters without {@code _total}, info families without {@code _info}.
 */
final class Families {

    private final Map<String, Family> byName = new LinkedHashMap<>();

    void gauge(String name, String help, Labels labels, double value) {
        family(name, () -> new Family(Type.GAUGE, help, null)).add(labels, value);
    }

    void gauge(String name, String help, Unit unit, Labels labels, double value) {
        family(name, () -> new Family(Type.GAUGE, help, unit)).add(labels, value);
    }

    void counter(String name, String help, Unit unit, Labels labels, double value) {
        family(name, () -> new Family(Type.COUNTER, help, unit)).add(labels, value);
    }

    /** An untyped family, for dcgm-exporter counters whose names must stay without {@code _total}. */
    void untyped(String name, String help, Labels labels, double value) {
        family(name, () -> new Family(Type.UNTYPED, help, null)).add(labels, value);
    }

    void info(String name, String help, Labels labels) {
        family(name, () -> new Family(Type.INFO, help, null)).add(labels, 1);
    }

    /** Declares a family even when no data point is added (so its HELP/TYPE are stable). */
    void declareCounter(String name, String help) {
        family(name, () -> new Family(Type.COUNTER, help, null));
    }

    List<MetricSnapshot> build() {
        List<MetricSnapshot> out = new ArrayList<>(byName.size());
        byName.forEach((name, f) -> out.add(f.build(name)));
        return out;
    }

    private Family family(String name, Supplier<Family> create) {
        return byName.computeIfAbsent(name, n -> create.get());
    }

    private enum Type { GAUGE, COUNTER, UNTYPED, INFO }

    private record Point(Labels labels, double value) {
    }

    private static final class Family {
        final Type type;
        final String help;
        final Unit unit;
        final List<Point> points = new ArrayList<>();

        Family(Type type, String help, Unit unit) {
            this.type = type;
            this.help = help;
            this.unit = unit;
        }

        void add(Labels labels, double value) {
            points.add(new Point(labels, value));
        }

        MetricSnapshot build(String name) {
            switch (type) {
                case COUNTER -> {
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                    if (unit != null) {
                        b.unit(unit);
                    }
                    points.forEach(p -> b.dataPoint(CounterDataPointSnapshot.builder().labels(p.labels())
                            .value(p.value()).build()));
                    return b.build();
                }
                case UNTYPED -> {
                    UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
                    points.forEach(p -> b.dataPoint(UnknownDataPointSnapshot.builder().labels(p.labels())
                            .value(p.value()).build()));
                    return b.build();
                }
                case INFO -> {
                    InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
                    points.forEach(p -> b.dataPoint(InfoDataPointSnapshot.builder().labels(p.labels()).build()));
                    return b.build();
                }
                default -> {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                    if (unit != null) {
                        b.unit(unit);
                    }
                    points.forEach(p -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(p.labels())
                            .value(p.value()).build()));
                    return b.build();
                }
            }
        }
    }
}
