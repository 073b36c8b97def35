package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.cli.ExporterIdentity;
import java.io.IOException;

/** The small HTML page at {@code /}: name, version and a link to the metrics. */
final class LandingPage implements HttpHandler {

    private final String html;

    LandingPage(ExporterIdentity identity, String telemetryPath) {
        String title = escape(identity.title());
        this.html = "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body>\n"
                + "<h1>" + title + "</h1>\n"
                + "<p>Version " + escape(identity.version()) + " (revision " + escape(identity.revision()) + ")</p>\n"
                + "<ul>\n<li><a href=\"" + escape(telemetryPath) + "\">Metrics</a></li>\n"
                + "<li><a href=\"/-/healthy\">Health</a></li>\n<li><a href=\"/-/ready\">Readiness</a></li>\n</ul>\n"
                + "</body></html>\n";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, 200, "text/html; charset=utf-8", html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
