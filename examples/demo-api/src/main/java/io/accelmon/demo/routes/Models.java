package io.accelmon.demo.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.demo.DemoCatalog;
import io.accelmon.demo.http.Responses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the models the demo serves, OpenAI-style. */
final class Models implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> data = new ArrayList<>();
        DemoCatalog.MODELS.forEach((id, version) -> data.add(Map.of("id", id, "object", "model",
                "owned_by", "accelmon", "version", version)));
        Responses.json(exchange, 200, Map.of("object", "list", "data", data));
    }
}
