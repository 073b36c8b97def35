package io.accelmon.api.spring;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/** A registry in the Prometheus text format, or OpenMetrics when the scraper asks for it (servlet and WebFlux). */
final class MetricsText {

    private final PrometheusRegistry registry;
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    MetricsText(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** The format for a request's {@code Accept} header (null: the Prometheus text format). */
    ExpositionFormatWriter format(String accept) {
        return openMetrics.accepts(accept) ? openMetrics : text;
    }

    /** Scrapes the registry and writes it in {@code format}. */
    void write(OutputStream out, ExpositionFormatWriter format) throws IOException {
        format.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    }
}
