package io.accelmon.bench.api;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What a client_java summary observe costs by window buckets and quantile error: the library's main cost. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SummaryConfigBenchmark {

    private static final int SAMPLES = 4096;
    private static final double[] VALUES = new double[SAMPLES];

    static {
        Random random = new Random(42);
        for (int i = 0; i < SAMPLES; i++) {
            VALUES[i] = 0.02 * Math.exp(random.nextGaussian());
        }
    }

    @Param({"1", "2", "5"})
    public int ageBuckets;

    /** Allowed error of p99 (p50 and p95 get 10x and 5x of it, capped at 0.01 as client_java suggests). */
    @Param({"0.001", "0.005"})
    public double p99Error;

    private DistributionDataPoint point;

    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        double value() {
            next = (next + 1) & (SAMPLES - 1);
            return VALUES[next];
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        point = Summary.builder().name("s").labelNames("endpoint")
                .quantile(0.5, Math.min(0.01, p99Error * 10)).quantile(0.95, Math.min(0.01, p99Error * 5))
                .quantile(0.99, p99Error).maxAgeSeconds(60).numberOfAgeBuckets(ageBuckets).withoutExemplars()
                .register(new PrometheusRegistry()).labelValues("/x");
    }

    @Benchmark
    public void observe(Cursor c) {
        point.observe(c.value());
    }
}
