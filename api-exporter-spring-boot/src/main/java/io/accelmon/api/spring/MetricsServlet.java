package io.accelmon.api.spring;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Serves a registry in the Prometheus text format, or OpenMetrics when the scraper asks for it. */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient MetricsText metrics;

    MetricsServlet(PrometheusRegistry registry) {
        this.metrics = new MetricsText(registry);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExpositionFormatWriter format = metrics.format(request.getHeader("Accept"));
        response.setStatus(200);
        response.setContentType(format.getContentType());
        try (OutputStream out = response.getOutputStream()) {
            metrics.write(out, format);
        }
    }
}
