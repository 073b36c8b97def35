package io.accelmon.api;

import io.accelmon.api.summary.SketchSummary;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Builds the distribution metrics of this library in one of two forms: a summary with quantiles over a sliding window
 * (the default, what {@code api_request_duration_seconds{quantile="0.95"}} queries read; a {@link SketchSummary}), or a
 * classic histogram with explicit buckets ({@code classicOnly}), which Prometheus can aggregate across instances with
 * {@code histogram_quantile}.
 */
public final class Distributions {

    private final PrometheusRegistry registry;
    private final boolean classicOnly;
    private final double[] quantiles;
    private final Duration window;
    private final int windowSlots;
    private final LongSupplier clockMillis;

    Distributions(PrometheusRegistry registry, boolean classicOnly, double[] quantiles, Duration window,
                  int windowSlots, LongSupplier clockMillis) {
        this.registry = registry;
        this.classicOnly = classicOnly;
        this.quantiles = quantiles.clone();
        this.window = window;
        this.windowSlots = windowSlots;
        this.clockMillis = clockMillis;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public boolean classicOnly() {
        return classicOnly;
    }

    /** A latency-like distribution: quantiles as a summary, {@code buckets} as a histogram. */
    public LabeledDistribution withQuantiles(String name, String help, double[] buckets, String... labelNames) {
        if (classicOnly) {
            return histogram(name, help, buckets, labelNames);
        }
        return SketchSummary.builder().name(name).help(help).labelNames(labelNames).quantiles(quantiles)
                .window(window, windowSlots).clock(clockMillis).register(registry)::labelValues;
    }

    /** A size-like distribution: only count and sum as a summary (cheap), {@code buckets} as a histogram. */
    public LabeledDistribution countAndSum(String name, String help, double[] buckets, String... labelNames) {
        if (classicOnly) {
            return histogram(name, help, buckets, labelNames);
        }
        return Summary.builder().name(name).help(help).labelNames(labelNames).withoutExemplars()
                .register(registry)::labelValues;
    }

    private LabeledDistribution histogram(String name, String help, double[] buckets, String... labelNames) {
        return Histogram.builder().name(name).help(help).labelNames(labelNames)
                .classicOnly().classicUpperBounds(buckets).withoutExemplars().register(registry)::labelValues;
    }
}
