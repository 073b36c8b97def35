package io.accelmon.api.spring;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Serves a registry in the Prometheus text format, or OpenMetrics when the scraper asks for it. */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient PrometheusRegistry registry;
    private final transient ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
    private final transient ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    MetricsServlet(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExpositionFormatWriter writer = openMetrics.accepts(request.getHeader("Accept")) ? openMetrics : text;
        response.setStatus(200);
        response.setContentType(writer.getContentType());
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        }
    }
}
