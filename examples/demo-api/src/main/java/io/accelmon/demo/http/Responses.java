package io.accelmon.demo.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The API's JSON and text answers, written by exporter-core's {@link io.accelmon.core.http.Responses}. */
public final class Responses {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /** Loads Jackson's serializers before the first request, so it does not pay a second of class loading. */
    static void warmUp() throws IOException {
        JSON.readTree(JSON.writeValueAsBytes(java.util.Map.of("warm", java.util.List.of(1, "up"))));
    }

    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        io.accelmon.core.http.Responses.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    public static void text(HttpExchange exchange, int status, String body) throws IOException {
        io.accelmon.core.http.Responses.send(exchange, status, "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** An OpenAI-style error body. */
    public static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        json(exchange, status, java.util.Map.of("error", java.util.Map.of("type", type, "message", message)));
    }
}
