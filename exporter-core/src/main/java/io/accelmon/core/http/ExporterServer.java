package io.accelmon.core.http;

import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.BuildInfo;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.cli.ListenAddress;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Serves one exporter's private registry on client_java's {@link HTTPServer}, bound exactly to the listen address,
 * with a landing page at {@code /}, {@code /-/healthy}, {@code /-/ready}, and the web config (TLS, basic auth) applied
 * to every path.
 */
public final class ExporterServer implements Closeable {

    private static final Logger LOG = Logger.getLogger(ExporterServer.class.getName());

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HTTPServer server;
    private final ListenAddress address;

    private ExporterServer(HTTPServer server, ListenAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts serving; extra handlers are mounted on exact paths (e.g. {@code /api/v1/jobs}). */
    public static ExporterServer start(ExporterIdentity identity, ExporterOptions options, PrometheusRegistry registry,
                                       Map<String, HttpHandler> extraHandlers) throws IOException {
        return start(identity, options, registry, extraHandlers, RootHandler.NOT_FOUND);
    }

    /**
     * Starts serving, with {@code fallback} answering every path that neither client_java (the telemetry path,
     * {@code /-/healthy}), {@code /-/ready}, an extra handler nor the landing page at exactly {@code /} serves: an API
     * with path variables ({@code /users/{id}}) on the exporter's port. The web config (TLS, basic auth) covers the
     * fallback like every other path.
     */
    public static ExporterServer start(ExporterIdentity identity, ExporterOptions options, PrometheusRegistry registry,
                                       Map<String, HttpHandler> extraHandlers, HttpHandler fallback)
            throws IOException {
        ListenAddress listen = options.listenAddress(identity.defaultListenAddress());
        // The JDK server leaves Nagle on: a chunked metrics response then waits ~40 ms for the scraper's delayed ACK.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        WebConfig webConfig = options.webConfigFile() == null ? WebConfig.none() : WebConfig.load(options.webConfigFile());
        BuildInfo.register(registry, identity);

        Map<String, HttpHandler> routes = new LinkedHashMap<>(extraHandlers);
        routes.put("/-/ready", new TextHandler("Ready.\n"));
        HttpHandler root = new RootHandler(new LandingPage(identity, options.telemetryPath()), routes, fallback);

        HTTPServer.Builder builder = HTTPServer.builder()
                .port(listen.port())
                .registry(registry)
                .metricsHandlerPath(options.telemetryPath())
                .registerHealthHandler(true)
                .executorService(RequestThreads.create())
                .defaultHandler(root);
        if (listen.wildcard()) {
            builder.inetAddress(new InetSocketAddress(listen.port()).getAddress());
        } else {
            builder.inetAddress(InetAddress.getByName(listen.host()));
        }
        // every context HTTPServer creates ("/", the metrics path, /-/healthy) gets the authenticator; /-/ready and
        // the extra routes and the fallback are dispatched by the "/" handler, so they are covered too
        webConfig.apply(builder);
        HTTPServer server;
        try {
            server = builder.buildAndStart();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        ListenAddress bound = new ListenAddress(listen.host(), server.getPort());
        LOG.info(() -> identity.title() + " " + identity.version() + " listening on " + bound
                + (webConfig.tlsEnabled() ? " (TLS)" : "") + (webConfig.authEnabled() ? " (basic auth)" : ""));
        return new ExporterServer(server, bound);
    }

    public static ExporterServer start(ExporterIdentity identity, ExporterOptions options, PrometheusRegistry registry)
            throws IOException {
        return start(identity, options, registry, Map.of());
    }

    /** The address actually bound (port resolved when 0 was asked). */
    public ListenAddress address() {
        return address;
    }

    public int port() {
        return address.port();
    }

    /** Blocks the calling thread until the JVM shuts down; the server's own threads are daemons. */
    public void awaitTermination() throws InterruptedException {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            main.interrupt();
        }, "shutdown"));
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.stop();
    }
}
