package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.logging.Logger;

/** Turns a client that closed its connection mid-response into one debug line and a counter. */
final class ClientDisconnects implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ClientDisconnects.class.getName());

    private final HttpHandler handler;
    private final ServingMetrics metrics;

    ClientDisconnects(HttpHandler handler, ServingMetrics metrics) {
        this.handler = handler;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            handler.handle(exchange);
        } catch (IOException e) {
            metrics.disconnects.inc();
            LOG.fine(() -> "client " + exchange.getRemoteAddress() + " left before its response was written: " + e);
        }
    }
}
