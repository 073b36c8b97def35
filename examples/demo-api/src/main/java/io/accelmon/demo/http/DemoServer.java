package io.accelmon.demo.http;

import com.sun.net.httpserver.HttpServer;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.httpserver.ApiHttpFilter;
import io.accelmon.core.cli.ListenAddress;
import io.accelmon.demo.routes.ApiRouter;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One JDK HTTP server for the API and its metrics: the API under {@code /} behind {@link ApiHttpFilter}, client_java's
 * metrics handler on the telemetry path, {@code /-/healthy}. exporter-core's server mounts only exact paths, and the
 * API needs {@code /users/{id}}, so the demo runs its own.
 */
public final class DemoServer implements Closeable {

    /** How chat completions behave: fixed latency in ms (0: random short), concurrent workers. */
    public record Simulation(int latencyMs, int workers) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ListenAddress address;

    private DemoServer(HttpServer server, ExecutorService threads, ListenAddress address) {
        this.server = server;
        this.threads = threads;
        this.address = address;
    }

    public static DemoServer start(ListenAddress listen, String telemetryPath, PrometheusRegistry registry,
                                   ApiMetrics metrics, Simulation simulation) throws IOException {
        InetSocketAddress bind = listen.wildcard() ? new InetSocketAddress(listen.port())
                : new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
        HttpServer server;
        try {
            server = HttpServer.create(bind, 128);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        // slow completions sleep on their thread; enough threads that the queue, not the pool, is the bottleneck
        ExecutorService threads = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "demo-api-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        Responses.warmUp();
        ApiRouter router = new ApiRouter(metrics, simulation);
        server.createContext("/", router).getFilters().add(new ApiHttpFilter(metrics, router.routes()));
        server.createContext(telemetryPath, new MetricsHandler(registry));
        server.createContext("/-/healthy", exchange -> Responses.text(exchange, 200, "Healthy.\n"));
        server.start();
        return new DemoServer(server, threads, new ListenAddress(listen.host(), server.getAddress().getPort()));
    }

    public ListenAddress address() {
        return address;
    }

    /** Blocks until the JVM shuts down. */
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
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
