package io.accelmon.bench.api;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.accelmon.api.summary.SketchSummary;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of observing one request: through api-exporter-lib (counter + latency + request/response size, data points
 * cached) against bare client_java's summary and histogram observe and the library's sketch summary alone. Run
 * single-threaded and with {@code -t 2}; add {@code -prof gc} for bytes per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ObserveBenchmark {

    /** Each thread walks the sample array on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        long duration() {
            next = (next + 1) & (SAMPLES - 1);
            return DURATIONS[next];
        }
    }

    // realistic, varying latencies (log-normal around 20 ms): a constant value is a degenerate case for CKMS
    private static final int SAMPLES = 4096;
    private static final long[] DURATIONS = new long[SAMPLES];

    static {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < SAMPLES; i++) {
            DURATIONS[i] = (long) (20_000_000 * Math.exp(random.nextGaussian()));
        }
    }

    private ApiEndpoint summaryEndpoint;
    private ApiEndpoint histogramEndpoint;
    private ApiEndpoint noSizesEndpoint;
    private ApiMetrics summaryMetrics;
    private DistributionDataPoint bareSummaryPoint;
    private DistributionDataPoint bareSummaryDefaultPoint;
    private DistributionDataPoint bareHistogramPoint;
    private DistributionDataPoint sketchPoint;
    private Summary bareSummary;
    private Counter bareCounter;

    @Setup(Level.Trial)
    public void setUp() {
        summaryMetrics = ApiMetrics.builder().registry(new PrometheusRegistry()).build();
        summaryEndpoint = summaryMetrics.endpoint("/users/{id}");
        histogramEndpoint = ApiMetrics.builder().registry(new PrometheusRegistry()).classicOnly().build()
                .endpoint("/users/{id}");
        noSizesEndpoint = ApiMetrics.builder().registry(new PrometheusRegistry()).sizes(false).build()
                .endpoint("/users/{id}");
        PrometheusRegistry bare = new PrometheusRegistry();
        bareSummary = Summary.builder().name("bare_duration_seconds").labelNames("method", "endpoint")
                .quantile(0.5, 0.01).quantile(0.95, 0.005).quantile(0.99, 0.001)
                .maxAgeSeconds(60).numberOfAgeBuckets(2).withoutExemplars().register(bare);
        bareSummaryPoint = bareSummary.labelValues("GET", "/users/{id}");
        bareSummaryDefaultPoint = Summary.builder().name("bare_default_seconds").labelNames("endpoint")
                .quantile(0.5, 0.01).quantile(0.95, 0.005).quantile(0.99, 0.001).withoutExemplars()
                .register(bare).labelValues("/users/{id}");
        bareHistogramPoint = Histogram.builder().name("bare_histogram_seconds").labelNames("endpoint").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30)
                .withoutExemplars().register(bare).labelValues("/users/{id}");
        sketchPoint = SketchSummary.builder().name("sketch_seconds").labelNames("endpoint").register(bare)
                .labelValues("/users/{id}");
        bareCounter = Counter.builder().name("bare_requests_total").labelNames("method", "endpoint", "status")
                .withoutExemplars().register(bare);
    }

    /** Baseline: one client_java summary observe on a cached data point, 3 quantiles, 60 s in 2 age buckets. */
    @Benchmark
    public void bareSummaryObserve(Cursor c) {
        bareSummaryPoint.observe(c.duration() / 1e9);
    }

    /** Baseline: client_java summary with its default window (10 min in 5 age buckets), 3 quantiles. */
    @Benchmark
    public void bareSummaryDefaultWindowObserve(Cursor c) {
        bareSummaryDefaultPoint.observe(c.duration() / 1e9);
    }

    /** Baseline: client_java classic histogram observe, the library's 13 latency buckets. */
    @Benchmark
    public void bareHistogramObserve(Cursor c) {
        bareHistogramPoint.observe(c.duration() / 1e9);
    }

    /** The library's sketch summary alone (3 quantiles, 60 s in 4 slots). */
    @Benchmark
    public void sketchSummaryObserve(Cursor c) {
        sketchPoint.observe(c.duration() / 1e9);
    }

    /** Baseline the way most code writes it: label lookup, then observe and count. */
    @Benchmark
    public void bareLabelValuesObserveAndCount(Cursor c) {
        bareSummary.labelValues("GET", "/users/{id}").observe(c.duration() / 1e9);
        bareCounter.labelValues("GET", "/users/{id}", "200").inc();
    }

    /** The library: count + summary latency + request and response size. */
    @Benchmark
    public void libraryObserve(Cursor c) {
        summaryEndpoint.observe("GET", 200, c.duration(), 0, 512);
    }

    /** The library including the endpoint lookup by template and the in-flight gauge, as the filters do. */
    @Benchmark
    public void libraryLookupStartedFinished(Cursor c) {
        ApiEndpoint e = summaryMetrics.endpoint("/users/{id}");
        e.started();
        e.finished("GET", 200, c.duration(), 0, 512);
    }

    /** The library with {@code classicOnly()}: count + histogram latency + sizes. */
    @Benchmark
    public void libraryObserveClassicHistogram(Cursor c) {
        histogramEndpoint.observe("GET", 200, c.duration(), 0, 512);
    }

    /** The library with {@code sizes(false)}: count + summary latency only. */
    @Benchmark
    public void libraryObserveNoSizes(Cursor c) {
        noSizesEndpoint.observe("GET", 200, c.duration(), -1, -1);
    }
}
