package io.accelmon.demo.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.demo.DemoCatalog;
import io.accelmon.demo.http.Responses;
import java.io.IOException;
import java.util.Map;

/** {@code GET /users/{id}}: the demo's few users; 404 for any other id. */
final class Users implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String name = DemoCatalog.USERS.get(id);
        if (name == null) {
            Responses.error(exchange, 404, "not_found", "no user " + id);
        } else {
            Responses.json(exchange, 200, Map.of("id", id, "name", name));
        }
    }
}
