package io.accelmon.gpu.testing;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Flattens metric families into exposition-style sample keys ({@code name{a="1",b="2"}}, labels sorted) → value. */
public final class Samples {

    private Samples() {
    }

    public static Map<String, Double> of(List<MetricSnapshot> families) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricSnapshot family : families) {
            String name = family.getMetadata().getPrometheusName();
            for (DataPointSnapshot p : family.getDataPoints()) {
                String suffix = "";
                double value;
                if (family instanceof CounterSnapshot) {
                    suffix = "_total";
                    value = ((CounterSnapshot.CounterDataPointSnapshot) p).getValue();
                } else if (family instanceof GaugeSnapshot) {
                    value = ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue();
                } else if (family instanceof UnknownSnapshot) {
                    value = ((UnknownSnapshot.UnknownDataPointSnapshot) p).getValue();
                } else if (family instanceof InfoSnapshot) {
                    suffix = "_info";
                    value = 1;
                } else {
                    throw new IllegalArgumentException("unexpected family type " + family.getClass());
                }
                out.put(key(name + suffix, p), value);
            }
        }
        return out;
    }

    private static String key(String name, DataPointSnapshot p) {
        StringBuilder sb = new StringBuilder(name).append('{');
        boolean first = true;
        for (Label l : p.getLabels()) {
            if (!first) {
                sb.append(',');
            }
            sb.append(l.getName()).append("=\"").append(l.getValue()).append('"');
            first = false;
        }
        return sb.append('}').toString();
    }
}
