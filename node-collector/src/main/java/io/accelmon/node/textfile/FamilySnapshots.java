package io.accelmon.node.textfile;

import io.accelmon.node.textfile.TextFormat.Family;
import io.accelmon.node.textfile.TextFormat.Sample;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns parsed text-format families into client_java snapshots, keeping every metric name as written. */
public final class FamilySnapshots {

    private FamilySnapshots() {
    }

    /**
     * @throws IllegalArgumentException when the family cannot be represented (duplicate series, a histogram without
     *                                  {@code +Inf} bucket, a name client_java rejects)
     */
    public static MetricSnapshot toSnapshot(Family family, String defaultHelp) {
        String help = family.help() != null ? family.help() : defaultHelp;
        return switch (family.type()) {
            case "gauge" -> {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family.name()).help(help);
                for (Sample s : family.samples()) {
                    b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(s.labelPairs()))
                            .value(s.value()).build());
                }
                yield b.build();
            }
            // client_java always writes counters as <name>_total; a counter named otherwise stays untyped so that
            // its name does not change.
            case "counter" -> family.name().endsWith("_total") ? counter(family, help) : unknown(family, help);
            case "summary" -> summary(family, help);
            case "histogram" -> histogram(family, help);
            default -> unknown(family, help);
        };
    }

    private static MetricSnapshot counter(Family family, String help) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(family.name()).help(help);
        for (Sample s : family.samples()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(s.labelPairs()))
                    .value(s.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot unknown(Family family, String help) {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(family.name()).help(help);
        for (Sample s : family.samples()) {
            if (!s.name().equals(family.name())) {
                throw new IllegalArgumentException("sample '" + s.name() + "' in family '" + family.name() + "'");
            }
            b.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels(s.labelPairs()))
                    .value(s.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot summary(Family family, String help) {
        Map<Labels, SummaryParts> series = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            List<String> pairs = new ArrayList<>(s.labelPairs());
            String quantile = remove(pairs, "quantile");
            SummaryParts parts = series.computeIfAbsent(labels(pairs), k -> new SummaryParts());
            if (s.name().endsWith("_sum")) {
                parts.sum = s.value();
            } else if (s.name().endsWith("_count")) {
                parts.count = (long) s.value();
            } else if (quantile != null) {
                parts.quantiles.add(new Quantile(Double.parseDouble(quantile), s.value()));
            }
        }
        SummarySnapshot.Builder b = SummarySnapshot.builder().name(family.name()).help(help);
        series.forEach((labels, parts) -> {
            SummarySnapshot.SummaryDataPointSnapshot.Builder p = SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(labels).quantiles(Quantiles.of(parts.quantiles));
            if (parts.count >= 0) {
                p.count(parts.count);
            }
            if (!Double.isNaN(parts.sum)) {
                p.sum(parts.sum);
            }
            b.dataPoint(p.build());
        });
        return b.build();
    }

    private static MetricSnapshot histogram(Family family, String help) {
        Map<Labels, HistogramParts> series = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            List<String> pairs = new ArrayList<>(s.labelPairs());
            String le = remove(pairs, "le");
            HistogramParts parts = series.computeIfAbsent(labels(pairs), k -> new HistogramParts());
            if (s.name().endsWith("_sum")) {
                parts.sum = s.value();
            } else if (s.name().endsWith("_bucket") && le != null) {
                double bound = le.equals("+Inf") || le.equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                parts.cumulative.put(bound, s.value());
            }
        }
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(family.name()).help(help);
        for (Map.Entry<Labels, HistogramParts> e : series.entrySet()) {
            TreeMap<Double, Double> cumulative = e.getValue().cumulative;
            if (!cumulative.containsKey(Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("histogram '" + family.name() + "' has no +Inf bucket");
            }
            double[] bounds = new double[cumulative.size()];
            long[] counts = new long[cumulative.size()];
            int i = 0;
            double previous = 0;
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                bounds[i] = bucket.getKey();
                counts[i] = (long) (bucket.getValue() - previous);
                if (counts[i] < 0) {
                    throw new IllegalArgumentException("histogram '" + family.name() + "' buckets are not cumulative");
                }
                previous = bucket.getValue();
                i++;
            }
            HistogramSnapshot.HistogramDataPointSnapshot.Builder p = HistogramSnapshot.HistogramDataPointSnapshot
                    .builder().labels(e.getKey()).classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts));
            if (!Double.isNaN(e.getValue().sum)) {
                p.sum(e.getValue().sum);
            }
            b.dataPoint(p.build());
        }
        return b.build();
    }

    private static String remove(List<String> pairs, String name) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (pairs.get(i).equals(name)) {
                String value = pairs.get(i + 1);
                pairs.remove(i + 1);
                pairs.remove(i);
                return value;
            }
        }
        return null;
    }

    private static Labels labels(List<String> pairs) {
        return Labels.of(pairs.toArray(new String[0]));
    }

    private static final class SummaryParts {
        final List<Quantile> quantiles = new ArrayList<>();
        long count = -1;
        double sum = Double.NaN;
    }

    private static final class HistogramParts {
        final TreeMap<Double, Double> cumulative = new TreeMap<>();
        double sum = Double.NaN;
    }
}
