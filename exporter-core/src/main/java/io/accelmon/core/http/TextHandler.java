package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Answers every request with a fixed plain-text body. */
final class TextHandler implements HttpHandler {

    private final String body;

    TextHandler(String body) {
        this.body = body;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, 200, "text/plain; charset=utf-8", body);
    }
}
