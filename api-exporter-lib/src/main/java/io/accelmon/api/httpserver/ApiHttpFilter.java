package io.accelmon.api.httpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.route.RouteTemplates;
import java.io.IOException;

/**
 * Observes every exchange of the {@code com.sun.net.httpserver} contexts it is added to:
 * {@code server.createContext("/", handler).getFilters().add(new ApiHttpFilter(metrics, routes));}. The endpoint is
 * the route template the path matches; paths that match none count as {@code endpoint="other"}.
 */
public final class ApiHttpFilter extends Filter {

    private final ApiMetrics metrics;
    private final RouteTemplates routes;

    public ApiHttpFilter(ApiMetrics metrics, RouteTemplates routes) {
        this.metrics = metrics;
        this.routes = routes;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String template = routes.match(exchange.getRequestURI().getPath());
        ApiEndpoint endpoint = template == null ? metrics.other() : metrics.endpoint(template);
        // the JDK server already allocates dozens of objects per exchange; two counters more give exact sizes
        CountingStreams.Input in = new CountingStreams.Input(exchange.getRequestBody());
        CountingStreams.Output out = new CountingStreams.Output(exchange.getResponseBody());
        exchange.setStreams(in, out);
        long start = System.nanoTime();
        endpoint.started();
        try {
            chain.doFilter(exchange);
        } finally {
            int status = exchange.getResponseCode();
            endpoint.finished(exchange.getRequestMethod(), status < 0 ? 500 : status, System.nanoTime() - start,
                    requestBytes(exchange, in), out.count());
        }
    }

    private static long requestBytes(HttpExchange exchange, CountingStreams.Input in) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                return Math.max(Long.parseLong(declared.trim()), in.count());
            } catch (NumberFormatException ignored) {
                // fall back to what the handler read
            }
        }
        return in.count();
    }

    @Override
    public String description() {
        return "accelmon API request metrics";
    }
}
