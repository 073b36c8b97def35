package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/** Dispatches everything client_java does not serve itself: the landing page, readiness, exporter-specific routes. */
final class RootHandler implements HttpHandler {

    private final HttpHandler landingPage;
    private final Map<String, HttpHandler> routes;

    RootHandler(HttpHandler landingPage, Map<String, HttpHandler> routes) {
        this.landingPage = landingPage;
        this.routes = Map.copyOf(routes);
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
            Responses.send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
        }
    }
}
