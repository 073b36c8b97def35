package io.accelmon.bench.api;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.summary.SketchSummary;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Thread CPU time per observed request, for machines too loaded for JMH's wall-clock figures to mean much (a thread
 * that waits for a core does not accrue CPU time). Same operations as {@link ObserveBenchmark}, single thread.
 * Run: {@code java -cp bench/api-jmh/target/api-jmh.jar io.accelmon.bench.api.CpuTimePerOp}
 */
public final class CpuTimePerOp {

    private static final int SAMPLES = 4096;
    private static final long[] DURATIONS = new long[SAMPLES];
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimePerOp() {
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        for (int i = 0; i < SAMPLES; i++) {
            DURATIONS[i] = (long) (20_000_000 * Math.exp(random.nextGaussian()));
        }
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        DistributionDataPoint bare = Summary.builder().name("bare").labelNames("endpoint")
                .quantile(0.5, 0.01).quantile(0.95, 0.005).quantile(0.99, 0.001)
                .maxAgeSeconds(60).numberOfAgeBuckets(5).withoutExemplars()
                .register(new PrometheusRegistry()).labelValues("/users/{id}");
        DistributionDataPoint bare2 = Summary.builder().name("bare2").labelNames("endpoint")
                .quantile(0.5, 0.01).quantile(0.95, 0.005).quantile(0.99, 0.001)
                .maxAgeSeconds(60).numberOfAgeBuckets(2).withoutExemplars()
                .register(new PrometheusRegistry()).labelValues("/users/{id}");
        DistributionDataPoint bareHistogram = Histogram.builder().name("bare_h").labelNames("endpoint").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30)
                .withoutExemplars().register(new PrometheusRegistry()).labelValues("/users/{id}");
        DistributionDataPoint sketch = SketchSummary.builder().name("sketch").labelNames("endpoint")
                .register(new PrometheusRegistry()).labelValues("/users/{id}");
        ApiEndpoint summary = ApiMetrics.builder().registry(new PrometheusRegistry()).build().endpoint("/users/{id}");
        ApiEndpoint histogram = ApiMetrics.builder().registry(new PrometheusRegistry()).classicOnly().build()
                .endpoint("/users/{id}");
        ApiEndpoint noSizes = ApiMetrics.builder().registry(new PrometheusRegistry()).sizes(false).build()
                .endpoint("/users/{id}");
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            boolean print = round == 1;
            measure("bare summary, 60 s in 5 buckets", ops, d -> bare.observe(d / 1e9), print);
            measure("bare summary, 60 s in 2 buckets", ops, d -> bare2.observe(d / 1e9), print);
            measure("bare histogram, 13 classic buckets", ops, d -> bareHistogram.observe(d / 1e9), print);
            measure("sketch summary alone (library default)", ops, d -> sketch.observe(d / 1e9), print);
            measure("library observe (summary + count + sizes)", ops,
                    d -> summary.observe("GET", 200, d, 0, 512), print);
            measure("library observe, classicOnly histogram", ops,
                    d -> histogram.observe("GET", 200, d, 0, 512), print);
            measure("library observe, sizes(false)", ops, d -> noSizes.observe("GET", 200, d, -1, -1), print);
        }
    }

    private static void measure(String name, int ops, LongConsumer op, boolean print) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            op.accept(DURATIONS[i & (SAMPLES - 1)]);
        }
        long cpuPerOp = (THREADS.getCurrentThreadCpuTime() - cpu) / ops;
        long wallPerOp = (System.nanoTime() - wall) / ops;
        if (print) {
            System.out.printf("%-45s %6d ns/op CPU  %6d ns/op wall%n", name, cpuPerOp, wallPerOp);
        }
    }
}
