package io.accelmon.api;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * Builds the distribution metrics of this library in one of two forms: a summary with a sliding window of quantiles
 * (the default, what the seeds' {@code {quantile="0.95"}} queries read), or a classic histogram with explicit buckets
 * ({@code classicOnly}), which Prometheus can aggregate across instances with {@code histogram_quantile}.
 */
public final class Distributions {

    private final PrometheusRegistry registry;
    private final boolean classicOnly;
    private final double[] quantiles;
    private final Duration window;
    private final int windowBuckets;

    Distributions(PrometheusRegistry registry, boolean classicOnly, double[] quantiles, Duration window,
                  int windowBuckets) {
        this.registry = registry;
        this.classicOnly = classicOnly;
        this.quantiles = quantiles.clone();
        this.window = window;
        this.windowBuckets = windowBuckets;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public boolean classicOnly() {
        return classicOnly;
    }

    /** A latency-like distribution: quantiles as a summary, {@code buckets} as a histogram. */
    public StatefulMetric<DistributionDataPoint, ?> withQuantiles(String name, String help, double[] buckets,
                                                                  String... labelNames) {
        if (classicOnly) {
            return histogram(name, help, buckets, labelNames);
        }
        Summary.Builder b = Summary.builder().name(name).help(help).labelNames(labelNames)
                .maxAgeSeconds(Math.max(1, window.toSeconds())).numberOfAgeBuckets(windowBuckets)
                .withoutExemplars();
        for (double q : quantiles) {
            b.quantile(q, allowedError(q));
        }
        return b.register(registry);
    }

    /** A size-like distribution: only count and sum as a summary (cheap), {@code buckets} as a histogram. */
    public StatefulMetric<DistributionDataPoint, ?> countAndSum(String name, String help, double[] buckets,
                                                                String... labelNames) {
        if (classicOnly) {
            return histogram(name, help, buckets, labelNames);
        }
        return Summary.builder().name(name).help(help).labelNames(labelNames).withoutExemplars().register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return Histogram.builder().name(name).help(help).labelNames(labelNames)
                .classicOnly().classicUpperBounds(buckets).withoutExemplars().register(registry);
    }

    // client_java's own defaults: tighter error for the tail quantiles
    private static double allowedError(double q) {
        if (q >= 0.99) {
            return 0.001;
        }
        if (q >= 0.9) {
            return 0.005;
        }
        return 0.01;
    }
}
