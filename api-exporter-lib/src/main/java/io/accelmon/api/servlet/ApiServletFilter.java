package io.accelmon.api.servlet;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.BoundedLabel;
import io.accelmon.api.route.RouteTemplates;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;

/**
 * A Jakarta Servlet filter that observes every request it sees:
 * {@code servletContext.addFilter("metrics", new ApiServletFilter(metrics, routes)).addMappingForUrlPatterns(null, false, "/*");}.
 * The endpoint is the route template the path (within the application) matches; without a match, the servlet mapping
 * pattern ({@code /users/*}, {@code *.jsp}) when the request was mapped to a servlet explicitly, else {@code other}.
 */
public final class ApiServletFilter implements Filter {

    private final ApiMetrics metrics;
    private final RouteTemplates routes;

    public ApiServletFilter(ApiMetrics metrics, RouteTemplates routes) {
        this.metrics = metrics;
        this.routes = routes;
    }

    /** Without route templates: endpoints are servlet mapping patterns. */
    public ApiServletFilter(ApiMetrics metrics) {
        this(metrics, RouteTemplates.of());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        ApiEndpoint endpoint = metrics.endpoint(endpointOf(request));
        CountingResponse counting = new CountingResponse(response);
        long start = System.nanoTime();
        endpoint.started();
        boolean threw = true;
        try {
            chain.doFilter(request, counting);
            threw = false;
        } finally {
            counting.flushWriter();
            int status = threw && response.getStatus() < 400 ? 500 : response.getStatus();
            long requestBytes = Math.max(request.getContentLengthLong(), 0);
            endpoint.finished(request.getMethod(), status, System.nanoTime() - start, requestBytes, counting.count());
        }
    }

    private String endpointOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        String template = routes.match(path == null || path.isEmpty() ? "/" : path);
        if (template != null) {
            return template;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null || mapping.getMappingMatch() == MappingMatch.DEFAULT) {
            return BoundedLabel.OTHER;
        }
        return mapping.getMappingMatch() == MappingMatch.CONTEXT_ROOT ? "/" : mapping.getPattern();
    }
}
