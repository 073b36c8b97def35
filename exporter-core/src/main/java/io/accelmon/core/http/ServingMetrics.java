package io.accelmon.core.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The HTTP server's own series: scrapes in flight, scrapes refused past {@code --web.max-requests}, and clients that
 * left before their response was written.
 */
final class ServingMetrics {

    final Gauge inFlight;
    final Counter rejected;
    final Counter disconnects;

    ServingMetrics(PrometheusRegistry registry) {
        inFlight = Gauge.builder().name("accelmon_http_scrapes_in_flight")
                .help("Scrapes of the telemetry path being served.").register(registry);
        rejected = Counter.builder().name("accelmon_http_scrapes_rejected_total")
                .help("Scrapes answered 503 because --web.max-requests were already in flight.").register(registry);
        disconnects = Counter.builder().name("accelmon_http_client_disconnects_total")
                .help("Requests whose client closed the connection before the response was written.")
                .register(registry);
    }
}
