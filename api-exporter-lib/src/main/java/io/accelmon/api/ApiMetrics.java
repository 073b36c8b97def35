package io.accelmon.api;

import io.accelmon.api.cache.CacheMetrics;
import io.accelmon.api.inference.InferenceMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Request, inference and cache metrics for an API service, registered on one registry:
 * {@code ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();} then hand it to
 * {@link io.accelmon.api.httpserver.ApiHttpFilter}, {@link io.accelmon.api.servlet.ApiServletFilter}, or call
 * {@link #time} / {@link #endpoint} yourself. Thread-safe.
 */
public final class ApiMetrics {

    /** The {@code method} label of requests timed with {@link #time}. */
    public static final String CALL = "CALL";

    private final Distributions distributions;
    private final BoundedLabel<ApiEndpoint> endpoints;
    private final int maxEndpoints;
    private volatile InferenceMetrics inference;
    private volatile CacheMetrics cache;

    private ApiMetrics(Builder b) {
        this.distributions = new Distributions(b.registry, b.classicOnly, b.quantiles, b.window, b.windowSlots,
                b.clockMillis);
        RequestMetrics families = new RequestMetrics(distributions, b.latencyBuckets, b.sizes);
        this.maxEndpoints = b.maxEndpoints;
        this.endpoints = new BoundedLabel<>(b.maxEndpoints, name -> new ApiEndpoint(name, families));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The metrics of the endpoint with route template {@code template} (e.g. {@code /users/{id}}, never a raw path);
     * past the cap on distinct endpoints, and for {@code null}, the shared {@code endpoint="other"}.
     */
    public ApiEndpoint endpoint(String template) {
        return endpoints.get(template);
    }

    /** The shared {@code endpoint="other"}: requests that matched no route. */
    public ApiEndpoint other() {
        return endpoints.other();
    }

    /** The registry these metrics are registered on. */
    public PrometheusRegistry registry() {
        return distributions.registry();
    }

    /** The cap on distinct endpoint label values (besides {@code other}). */
    public int maxEndpoints() {
        return maxEndpoints;
    }

    /**
     * Runs {@code work} as one request of {@code endpoint} with {@code method="CALL"}: status {@code 200} when it
     * returns, {@code 500} when it throws (the exception is rethrown).
     */
    public <T> T time(String endpoint, Callable<T> work) throws Exception {
        ApiEndpoint e = endpoints.get(endpoint);
        long start = System.nanoTime();
        e.started();
        int status = 500;
        try {
            T result = work.call();
            status = 200;
            return result;
        } finally {
            e.finished(CALL, status, System.nanoTime() - start, -1, -1);
        }
    }

    /** {@link #time(String, Callable)} for work without a result or checked exceptions. */
    public void time(String endpoint, Runnable work) {
        ApiEndpoint e = endpoints.get(endpoint);
        long start = System.nanoTime();
        e.started();
        int status = 500;
        try {
            work.run();
            status = 200;
        } finally {
            e.finished(CALL, status, System.nanoTime() - start, -1, -1);
        }
    }

    /** The inference / LLM serving metrics on the same registry, registered on first use. */
    public InferenceMetrics inference() {
        InferenceMetrics i = inference;
        if (i == null) {
            synchronized (this) {
                i = inference;
                if (i == null) {
                    i = new InferenceMetrics(distributions);
                    inference = i;
                }
            }
        }
        return i;
    }

    /** The cache hit/miss counters ({@code api_cache_requests_total}) on the same registry, registered on first use. */
    public CacheMetrics cache() {
        CacheMetrics c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null) {
                    c = new CacheMetrics(distributions.registry());
                    cache = c;
                }
            }
        }
        return c;
    }

    /** Options of {@link ApiMetrics}; every one has a default. */
    public static final class Builder {
        private PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
        private boolean classicOnly;
        private double[] quantiles = {0.5, 0.95, 0.99};
        private double[] latencyBuckets = RequestMetrics.LATENCY_BUCKETS;
        private Duration window = Duration.ofMinutes(1);
        // observing touches one slot whatever their number; four make the quantiles cover the last 45-60 s
        private int windowSlots = 4;
        private LongSupplier clockMillis = System::currentTimeMillis;
        private int maxEndpoints = 100;
        private boolean sizes = true;

        private Builder() {
        }

        /** The registry to register on (default: client_java's default registry). */
        public Builder registry(PrometheusRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * Latency (and sizes) as classic histograms with explicit buckets instead of summaries: aggregatable across
         * instances with {@code histogram_quantile(0.95, sum by (le) (rate(api_request_duration_seconds_bucket[5m])))},
         * but quantiles are only as precise as the buckets.
         */
        public Builder classicOnly() {
            this.classicOnly = true;
            return this;
        }

        /** Bucket upper bounds in seconds for {@link #classicOnly()} latency (default 5 ms … 30 s, with 2 s). */
        public Builder latencyBuckets(double... upperBounds) {
            this.latencyBuckets = upperBounds.clone();
            return this;
        }

        /** The summary's quantiles (default 0.5, 0.95, 0.99). */
        public Builder quantiles(double... quantiles) {
            for (double q : quantiles) {
                if (q < 0 || q > 1) {
                    throw new IllegalArgumentException(q + ": a quantile must be between 0 and 1");
                }
            }
            this.quantiles = quantiles.clone();
            return this;
        }

        /**
         * The summary's sliding window: quantiles cover the last {@code window}, kept in {@code slots} parts (default
         * 1 minute in 4 slots: the last 45-60 s).
         */
        public Builder summaryWindow(Duration window, int slots) {
            if (window.toSeconds() < 1 || slots < 1) {
                throw new IllegalArgumentException(window + "/" + slots + ": window must be >= 1s, slots >= 1");
            }
            this.window = window;
            this.windowSlots = slots;
            return this;
        }

        /** The clock (milliseconds) that moves the summary window; tests inject one. */
        Builder clock(LongSupplier clockMillis) {
            this.clockMillis = clockMillis;
            return this;
        }

        /** The cap on distinct {@code endpoint} values (default 100); more go to {@code endpoint="other"}. */
        public Builder maxEndpoints(int max) {
            if (max < 1) {
                throw new IllegalArgumentException(max + ": maxEndpoints must be at least 1");
            }
            this.maxEndpoints = max;
            return this;
        }

        /** Whether to record request and response body sizes (default true). */
        public Builder sizes(boolean enabled) {
            this.sizes = enabled;
            return this;
        }

        public ApiMetrics build() {
            return new ApiMetrics(this);
        }
    }
}
