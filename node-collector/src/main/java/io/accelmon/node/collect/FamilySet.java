package io.accelmon.node.collect;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Families filled sample by sample in any order (node_exporter's collectors that emit one metric at a time, such as
 * bcache and btrfs), served in the order each family first appeared.
 */
final class FamilySet {

    private final Map<String, Object> families = new LinkedHashMap<>();

    void gauge(String name, String help, double value, String... labelPairs) {
        ((Families.Gauge) families.computeIfAbsent(name, n -> Families.gauge(n, help))).add(value, labelPairs);
    }

    void counter(String name, String help, double value, String... labelPairs) {
        ((Families.Counter) families.computeIfAbsent(name, n -> Families.counter(n, help))).add(value, labelPairs);
    }

    List<MetricSnapshot> build() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (Object f : families.values()) {
            out.add(f instanceof Families.Gauge g ? g.build() : ((Families.Counter) f).build());
        }
        return out;
    }
}
