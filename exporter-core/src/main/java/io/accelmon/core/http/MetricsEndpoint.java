package io.accelmon.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.scrape.SharedResponses;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The telemetry path: at most {@code --web.max-requests} scrapes at once (503 past it, counted), the format the
 * scraper's {@code Accept} asks for, gzip when offered, {@code name[]} filters, and one encoding shared by concurrent
 * scrapes that ask for the same format. A scraper that leaves early is one debug line and a counter.
 */
final class MetricsEndpoint implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());
    private static final int WRITE_SLICE = 8192;

    private final PrometheusRegistry registry;
    private final ServingMetrics metrics;
    private final Semaphore slots;
    private final int maxRequests;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final SharedResponses<String> shared = new SharedResponses<>();
    private volatile int lastSize = 16 * 1024;

    /** @param maxRequests concurrent scrapes served; 0 or less for no limit */
    MetricsEndpoint(PrometheusRegistry registry, ServingMetrics metrics, int maxRequests) {
        this.registry = registry;
        this.metrics = metrics;
        this.maxRequests = maxRequests;
        this.slots = maxRequests > 0 ? new Semaphore(maxRequests) : null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (slots != null && !slots.tryAcquire()) {
                metrics.rejected.inc();
                send(exchange, 503, "text/plain; charset=utf-8", false,
                        ("Limit of concurrent requests reached (" + maxRequests + "), try again later.\n")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            metrics.inFlight.inc();
            try {
                serve(exchange);
            } finally {
                metrics.inFlight.dec();
                if (slots != null) {
                    slots.release();
                }
            }
        } catch (IOException e) {
            metrics.disconnects.inc();
            LOG.fine(() -> "client " + exchange.getRemoteAddress() + " left before its response was written: " + e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip");
        Set<String> names = names(exchange.getRequestURI().getRawQuery());
        byte[] body;
        try {
            body = names.isEmpty()
                    ? shared.get(writer.getContentType() + (gzip ? "+gzip" : ""),
                            () -> encode(writer, registry.scrape(), gzip))
                    : encode(writer, registry.scrape(names::contains), gzip);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            LOG.warning(() -> "scrape failed: " + e);
            send(exchange, 500, "text/plain; charset=utf-8", false,
                    ("An error occurred while scraping metrics: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, writer.getContentType(), gzip, body);
    }

    private byte[] encode(ExpositionFormatWriter writer, MetricSnapshots snapshots, boolean gzip) throws IOException {
        Body buffer = new Body(lastSize + lastSize / 8);
        writer.write(buffer, snapshots);
        lastSize = buffer.size();
        return gzip ? GzipBody.gzip(buffer.bytes(), buffer.size()) : buffer.toByteArray();
    }

    /** The encoded text, compressed from its buffer without a copy. */
    private static final class Body extends ByteArrayOutputStream {
        Body(int size) {
            super(size);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, boolean gzip, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            // in slices: the JDK caches a direct buffer as large as each socket write on every request thread, so
            // one write of the whole body would leave a body-sized native buffer behind on each of hundreds of threads
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < body.length; off += WRITE_SLICE) {
                    out.write(body, off, Math.min(WRITE_SLICE, body.length - off));
                }
            }
        }
    }

    /** The {@code name[]} values of the query, as client_java's handler reads them. */
    private static Set<String> names(String rawQuery) {
        Set<String> names = new HashSet<>();
        if (rawQuery == null) {
            return names;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("name[]")) {
                names.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return names;
    }
}
