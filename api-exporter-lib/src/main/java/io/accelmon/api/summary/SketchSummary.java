package io.accelmon.api.summary;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A Prometheus summary ({@code quantile} series, {@code _count}, {@code _sum}) whose quantiles come from DDSketches in a
 * sliding window, read at scrape time: observing costs a lock, a clock read and one bin increment, about a third of
 * client_java's CKMS summary, with a relative error on each quantile's value instead of a rank error.
 */
public final class SketchSummary implements Collector {

    private final String name;
    private final String help;
    private final String[] labelNames;
    private final double[] quantiles;
    private final double relativeAccuracy;
    private final long windowMillis;
    private final int slots;
    private final LongSupplier clockMillis;
    private final ConcurrentMap<List<String>, Point> points = new ConcurrentHashMap<>();

    private SketchSummary(Builder b) {
        this.name = b.name;
        this.help = b.help;
        this.labelNames = b.labelNames.clone();
        this.quantiles = b.quantiles.clone();
        this.relativeAccuracy = b.relativeAccuracy;
        this.windowMillis = b.window.toMillis();
        this.slots = b.slots;
        this.clockMillis = b.clockMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The data point of one label value combination; keep it, lookups allocate. */
    public DistributionDataPoint labelValues(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + ": expected " + labelNames.length + " label values, got "
                    + values.length);
        }
        return points.computeIfAbsent(List.of(values), v -> new Point());
    }

    @Override
    public SummarySnapshot collect() {
        List<SummaryDataPointSnapshot> data = new ArrayList<>(points.size());
        points.forEach((values, point) -> data.add(point.snapshot(values)));
        return new SummarySnapshot(new MetricMetadata(name, help), data);
    }

    @Override
    public String getPrometheusName() {
        return name;
    }

    @Override
    public MetricType getMetricType() {
        return MetricType.SUMMARY;
    }

    @Override
    public Set<String> getLabelNames() {
        return Set.of(labelNames);
    }

    /** One series: cumulative count and sum, windowed quantiles. */
    private final class Point implements DistributionDataPoint {
        private final SlidingSketch sketch = new SlidingSketch(relativeAccuracy, windowMillis, slots, clockMillis);
        private final long created = System.currentTimeMillis();
        private long count;
        private double sum;

        @Override
        public synchronized void observe(double value) {
            count++;
            sum += value;
            if (Double.isFinite(value)) {
                sketch.observe(value);
            }
        }

        @Override
        public void observeWithExemplar(double value, Labels labels) {
            observe(value);
        }

        @Override
        public synchronized long getCount() {
            return count;
        }

        @Override
        public synchronized double getSum() {
            return sum;
        }

        SummaryDataPointSnapshot snapshot(List<String> values) {
            long c;
            double s;
            double[] q;
            synchronized (this) {
                c = count;
                s = sum;
                q = sketch.quantiles(quantiles);
            }
            Quantiles.Builder qb = Quantiles.builder();
            for (int i = 0; i < quantiles.length; i++) {
                qb.quantile(new Quantile(quantiles[i], q[i]));
            }
            return SummaryDataPointSnapshot.builder().count(c).sum(s).quantiles(qb.build())
                    .labels(Labels.of(labelNames, values.toArray(String[]::new)))
                    .createdTimestampMillis(created).build();
        }
    }

    /** Options; name, help and label names are required, the rest have the library's defaults. */
    public static final class Builder {
        private String name;
        private String help = "";
        private String[] labelNames = {};
        private double[] quantiles = {0.5, 0.95, 0.99};
        private double relativeAccuracy = 0.01;
        private Duration window = Duration.ofMinutes(1);
        private int slots = 4;
        private LongSupplier clockMillis = System::currentTimeMillis;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder help(String help) {
            this.help = help;
            return this;
        }

        public Builder labelNames(String... labelNames) {
            this.labelNames = labelNames.clone();
            return this;
        }

        public Builder quantiles(double... quantiles) {
            this.quantiles = quantiles.clone();
            return this;
        }

        /** Each quantile's value is within this fraction of the true value (default 0.01, 1%). */
        public Builder relativeAccuracy(double relativeAccuracy) {
            if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
                throw new IllegalArgumentException(relativeAccuracy + ": relative accuracy must be in (0, 1)");
            }
            this.relativeAccuracy = relativeAccuracy;
            return this;
        }

        /**
         * Quantiles cover the last {@code window}, kept in {@code slots} parts (default 1 minute in 4: the last
         * 45-60 s). More slots cost memory and merge time at scrape, not observe time.
         */
        public Builder window(Duration window, int slots) {
            if (window.toMillis() < 1 || slots < 1) {
                throw new IllegalArgumentException(window + "/" + slots + ": window must be > 0, slots >= 1");
            }
            this.window = window;
            this.slots = slots;
            return this;
        }

        /** The clock that moves the window, in milliseconds (tests inject one). */
        public Builder clock(LongSupplier clockMillis) {
            this.clockMillis = clockMillis;
            return this;
        }

        public SketchSummary build() {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a summary needs a name");
            }
            for (double q : quantiles) {
                if (!(q >= 0 && q <= 1)) {
                    throw new IllegalArgumentException(name + ": " + q + ": a quantile must be between 0 and 1");
                }
            }
            Arrays.sort(quantiles);
            return new SketchSummary(this);
        }

        public SketchSummary register(PrometheusRegistry registry) {
            SketchSummary s = build();
            registry.register(s);
            return s;
        }
    }
}
