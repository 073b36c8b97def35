package io.accelmon.demo.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.route.RouteTemplates;
import io.accelmon.demo.DemoCatalog;
import io.accelmon.demo.http.DemoServer;
import io.accelmon.demo.http.Responses;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Dispatches the demo's API by route template; the same templates label the metrics. */
public final class ApiRouter implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());

    static final String MODELS = "/v1/models";
    static final String CHAT = "/v1/chat/completions";
    static final String USERS = "/users/{id}";

    private final RouteTemplates routes = RouteTemplates.of("/", MODELS, CHAT, USERS);
    private final Models models = new Models();
    private final ChatCompletions chat;
    private final Users users = new Users();

    public ApiRouter(ApiMetrics metrics, DemoServer.Simulation simulation) {
        this.chat = new ChatCompletions(metrics.inference(), metrics.cache().cache("prompts"), simulation);
    }

    public RouteTemplates routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (IOException | RuntimeException e) {
            // the JDK server would drop the connection silently; say why (the filter counts it as a 500)
            LOG.log(Level.WARNING, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", e);
            throw e;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String route = routes.match(path);
        String method = exchange.getRequestMethod();
        if (route == null) {
            Responses.error(exchange, 404, "not_found", "no route for " + path);
            return;
        }
        switch (route) {
            case "/" -> allow(exchange, method, "GET", ex -> Responses.text(ex, 200,
                    "accelmon demo API: GET " + MODELS + ", POST " + CHAT + ", GET /users/{id}; metrics at "
                            + "/metrics\nmodels: " + String.join(", ", DemoCatalog.MODELS.keySet()) + "\n"));
            case MODELS -> allow(exchange, method, "GET", models);
            case CHAT -> allow(exchange, method, "POST", chat);
            case USERS -> allow(exchange, method, "GET", users);
            default -> Responses.error(exchange, 404, "not_found", "no route for " + path);
        }
    }

    private static void allow(HttpExchange exchange, String method, String allowed, HttpHandler handler)
            throws IOException {
        boolean ok = method.equals(allowed) || (allowed.equals("GET") && method.equals("HEAD"));
        if (ok) {
            handler.handle(exchange);
        } else {
            exchange.getResponseHeaders().set("Allow", allowed);
            Responses.error(exchange, 405, "method_not_allowed", method + " is not allowed here; use " + allowed);
        }
    }
}
