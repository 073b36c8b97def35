package io.accelmon.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** The registered request metric families that every {@link ApiEndpoint} takes its data points from. */
final class RequestMetrics {

    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30};
    static final double[] SIZE_BUCKETS = {64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216};

    final Counter requests;
    final LabeledDistribution duration;
    final Gauge inFlight;
    final LabeledDistribution requestSize;
    final LabeledDistribution responseSize;

    RequestMetrics(Distributions distributions, double[] latencyBuckets, boolean sizes) {
        this.requests = Counter.builder().name("api_requests_total")
                .help("API requests handled, by method, endpoint (route template) and HTTP status code.")
                .labelNames("method", "endpoint", "status").withoutExemplars()
                .register(distributions.registry());
        this.duration = distributions.withQuantiles("api_request_duration_seconds",
                "Time from receiving an API request to finishing its response, in seconds.",
                latencyBuckets, "method", "endpoint");
        this.inFlight = Gauge.builder().name("api_requests_in_flight")
                .help("API requests being handled right now.")
                .labelNames("endpoint").withoutExemplars().register(distributions.registry());
        if (sizes) {
            this.requestSize = distributions.countAndSum("api_request_size_bytes",
                    "Size of API request bodies in bytes.", SIZE_BUCKETS, "method", "endpoint");
            this.responseSize = distributions.countAndSum("api_response_size_bytes",
                    "Size of API response bodies in bytes.", SIZE_BUCKETS, "method", "endpoint");
        } else {
            this.requestSize = null;
            this.responseSize = null;
        }
    }
}
