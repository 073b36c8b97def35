package io.accelmon.api;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request metrics of one endpoint (a route template such as {@code /users/{id}}), with every data point cached
 * after its first use, so observing a request costs the client_java updates and nothing more.
 */
public final class ApiEndpoint {

    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 599;
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final RequestMetrics metrics;
    private final GaugeDataPoint inFlight;
    private final AtomicReferenceArray<MethodSeries> methods =
            new AtomicReferenceArray<>(HttpMethod.values().length);

    ApiEndpoint(String name, RequestMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
        this.inFlight = metrics.inFlight.labelValues(name);
    }

    /** The {@code endpoint} label value: the route template, or {@code other}. */
    public String name() {
        return name;
    }

    /** Marks a request as started ({@code api_requests_in_flight} + 1); pair with {@link #finished}. */
    public void started() {
        inFlight.inc();
    }

    /** Marks a request started with {@link #started()} as done and observes it. */
    public void finished(String method, int status, long durationNanos, long requestBytes, long responseBytes) {
        inFlight.dec();
        observe(method, status, durationNanos, requestBytes, responseBytes);
    }

    /**
     * Observes one finished request: counts it, records its latency and, where known ({@code >= 0}), the request and
     * response body sizes.
     */
    public void observe(String method, int status, long durationNanos, long requestBytes, long responseBytes) {
        MethodSeries series = series(HttpMethod.of(method));
        series.status(status).inc();
        series.duration.observe(durationNanos / NANOS_PER_SECOND);
        if (series.requestSize != null) {
            if (requestBytes >= 0) {
                series.requestSize.observe(requestBytes);
            }
            if (responseBytes >= 0) {
                series.responseSize.observe(responseBytes);
            }
        }
    }

    private MethodSeries series(HttpMethod method) {
        MethodSeries s = methods.get(method.ordinal());
        if (s == null) {
            s = new MethodSeries(method.label());
            if (!methods.compareAndSet(method.ordinal(), null, s)) {
                s = methods.get(method.ordinal());
            }
        }
        return s;
    }

    /** The data points of one (method, endpoint) pair, and its counters by status code. */
    private final class MethodSeries {
        private final String method;
        private final DistributionDataPoint duration;
        private final DistributionDataPoint requestSize;
        private final DistributionDataPoint responseSize;
        private final AtomicReferenceArray<CounterDataPoint> byStatus =
                new AtomicReferenceArray<>(MAX_STATUS - MIN_STATUS + 2);

        MethodSeries(String method) {
            this.method = method;
            this.duration = metrics.duration.labelValues(method, name);
            this.requestSize = metrics.requestSize == null ? null : metrics.requestSize.labelValues(method, name);
            this.responseSize = metrics.responseSize == null ? null : metrics.responseSize.labelValues(method, name);
        }

        CounterDataPoint status(int status) {
            // codes outside 100-599 share one slot labelled "other"
            int slot = status >= MIN_STATUS && status <= MAX_STATUS ? status - MIN_STATUS : byStatus.length() - 1;
            CounterDataPoint c = byStatus.get(slot);
            if (c == null) {
                String label = slot == byStatus.length() - 1 ? BoundedLabel.OTHER : Integer.toString(status);
                byStatus.compareAndSet(slot, null, metrics.requests.labelValues(method, name, label));
                c = byStatus.get(slot);
            }
            return c;
        }
    }
}
