package io.accelmon.demo.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.httpserver.ApiHttpFilter;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.cli.ListenAddress;
import io.accelmon.core.http.ExporterServer;
import io.accelmon.demo.routes.ApiRouter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The API and its metrics on exporter-core's {@link ExporterServer} (so {@code --web.config.file} TLS and basic auth
 * cover both): the API behind {@link ApiHttpFilter} at {@code /} and as the fallback for every path the server does not
 * serve itself (the telemetry path, {@code /-/healthy}, {@code /-/ready}).
 */
public final class DemoServer implements Closeable {

    /** How chat completions behave: fixed latency in ms (0: random short), concurrent workers. */
    public record Simulation(int latencyMs, int workers) {
    }

    private final ExporterServer server;

    private DemoServer(ExporterServer server) {
        this.server = server;
    }

    public static DemoServer start(ExporterIdentity identity, ExporterOptions options, PrometheusRegistry registry,
                                   ApiMetrics metrics, Simulation simulation) throws IOException {
        Responses.warmUp();
        ApiRouter router = new ApiRouter(metrics, simulation);
        Filter filter = new ApiHttpFilter(metrics, router.routes());
        HttpHandler api = exchange -> new Filter.Chain(List.of(filter), router).doFilter(exchange);
        // the API answers "/" itself (a route of its own, counted in the metrics), instead of the landing page
        return new DemoServer(ExporterServer.start(identity, options, registry, Map.of("/", api), api));
    }

    public ListenAddress address() {
        return server.address();
    }

    /** Blocks until the JVM shuts down. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.close();
    }
}
