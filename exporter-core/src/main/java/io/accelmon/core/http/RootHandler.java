package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Dispatches everything client_java does not serve itself: exporter-specific routes and readiness (exact paths), the
 * landing page at exactly {@code /}, and any other path to the fallback (404 unless an exporter mounts one).
 */
final class RootHandler implements HttpHandler {

    static final HttpHandler NOT_FOUND =
            exchange -> Responses.send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");

    private final HttpHandler landingPage;
    private final Map<String, HttpHandler> routes;
    private final HttpHandler fallback;

    RootHandler(HttpHandler landingPage, Map<String, HttpHandler> routes, HttpHandler fallback) {
        this.landingPage = landingPage;
        this.routes = Map.copyOf(routes);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        HttpHandler route = routes.get(path);
        if (route != null) {
            route.handle(exchange);
        } else if (path.equals("/")) {
            landingPage.handle(exchange);
        } else {
            fallback.handle(exchange);
        }
    }
}
