package io.accelmon.core.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.accelmon.core.BuildInfo;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.cli.ListenAddress;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * Serves one exporter's private registry on the JDK's HTTP server, bound exactly to the listen address, within
 * {@link ServingLimits}, with a landing page at {@code /}, {@code /-/healthy}, {@code /-/ready}, and the web config
 * (TLS, basic auth) applied to every path.
 */
public final class ExporterServer implements Closeable {

    private static final Logger LOG = Logger.getLogger(ExporterServer.class.getName());

    private final HttpServer server;
    private final ExecutorService threads;
    private final ListenAddress address;

    private ExporterServer(HttpServer server, ExecutorService threads, ListenAddress address) {
        this.server = server;
        this.threads = threads;
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
        ServingLimits limits = ServingLimits.defaults(options.maxRequests());
        limits.applyToJdkServer();
        WebConfig webConfig = options.webConfigFile() == null ? WebConfig.none() : WebConfig.load(options.webConfigFile());
        BuildInfo.register(registry, identity);
        ServingMetrics servingMetrics = new ServingMetrics(registry);

        Map<String, HttpHandler> routes = new LinkedHashMap<>(extraHandlers);
        routes.put("/-/ready", new TextHandler("Ready.\n"));
        HttpHandler root = new RootHandler(new LandingPage(identity, options.telemetryPath()), routes, fallback);

        InetSocketAddress socket = listen.wildcard() ? new InetSocketAddress(listen.port())
                : new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
        HttpServer server;
        try {
            server = webConfig.https() == null ? HttpServer.create(socket, limits.backlog())
                    : HttpsServer.create(socket, limits.backlog());
        } catch (IOException e) {
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        if (server instanceof HttpsServer https) {
            https.setHttpsConfigurator(webConfig.https());
        }
        ExecutorService threads = RequestThreads.create(limits);
        server.setExecutor(threads);
        // every context gets the authenticator; /-/ready, the extra routes and the fallback are dispatched by the
        // "/" handler, so they are covered too
        Authenticator auth = webConfig.authenticator();
        mount(server, "/", new ClientDisconnects(root, servingMetrics), auth);
        mount(server, options.telemetryPath(), new MetricsEndpoint(registry, servingMetrics, limits.maxRequests()), auth);
        if (!options.telemetryPath().equals("/-/healthy")) {
            mount(server, "/-/healthy", new ClientDisconnects(new TextHandler("Exporter is healthy.\n"), servingMetrics),
                    auth);
        }
        server.start();
        ListenAddress bound = new ListenAddress(listen.host(), server.getAddress().getPort());
        LOG.info(() -> identity.title() + " " + identity.version() + " listening on " + bound
                + (webConfig.tlsEnabled() ? " (TLS)" : "") + (webConfig.authEnabled() ? " (basic auth)" : ""));
        return new ExporterServer(server, threads, bound);
    }

    private static void mount(HttpServer server, String path, HttpHandler handler, Authenticator auth) {
        HttpContext context = server.createContext(path, handler);
        if (auth != null) {
            context.setAuthenticator(auth);
        }
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
            close();
            main.interrupt();
        }, "shutdown"));
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
