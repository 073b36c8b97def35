package io.accelmon.demo;

import io.accelmon.api.ApiMetrics;
import io.accelmon.core.cli.ExporterCommandLine;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.http.WebConfigException;
import io.accelmon.demo.http.DemoServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** demo-api: a small model-serving API instrumented with api-exporter-lib, metrics and API on one port. */
@Command(name = "demo-api", mixinStandardHelpOptions = true, versionProvider = DemoApiMain.Version.class,
        sortOptions = false,
        description = "A demo model-serving API (GET /v1/models, POST /v1/chat/completions, GET /users/{id}) "
                + "instrumented with accelmon api-exporter-lib; metrics on the same port.")
public final class DemoApiMain implements Callable<Integer> {

    static final ExporterIdentity IDENTITY = ExporterIdentity.of("demo-api", "accelmon demo API", ":8080");

    @Mixin
    ExporterOptions options;

    @Option(names = "--simulate.latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Make every chat completion take about this long (0: 20-120 ms at random). "
                    + "2500 trips the APIHighLatency alert.")
    int latencyMs;

    @Option(names = "--simulate.workers", paramLabel = "N", defaultValue = "4",
            description = "Chat completions served at once; more wait in the queue (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--metrics.histogram", description = "Latency as a classic histogram (_bucket, aggregatable "
            + "with histogram_quantile) instead of a summary with quantiles 0.5/0.95/0.99.")
    boolean histogram;

    @Option(names = "--metrics.max-endpoints", paramLabel = "N", defaultValue = "100",
            description = "Cap on distinct endpoint label values; more count as endpoint=\"other\" "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxEndpoints;

    public static void main(String[] args) {
        ExporterCommandLine.main("demo-api", new DemoApiMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        options.applyLogLevel();
        if (workers < 1 || latencyMs < 0 || maxEndpoints < 1) {
            throw new ExporterCommandLine.UsageException(
                    "--simulate.workers and --metrics.max-endpoints must be >= 1, --simulate.latency-ms >= 0");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        ApiMetrics.Builder metrics = ApiMetrics.builder().registry(registry).maxEndpoints(maxEndpoints);
        if (histogram) {
            metrics.classicOnly();
        }
        DemoServer server;
        try {
            // the server registers accelmon_build_info and logs where it listens
            server = DemoServer.start(IDENTITY, options, registry, metrics.build(),
                    new DemoServer.Simulation(latencyMs, workers));
        } catch (WebConfigException e) {
            throw new ExporterCommandLine.UsageException(e.getMessage());
        }
        if (histogram) {
            Logger.getLogger(DemoApiMain.class.getName()).info("latency as a classic histogram");
        }
        server.awaitTermination();
        return 0;
    }

    /** {@code --version}: name, version and revision from the build. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"demo-api " + IDENTITY.version() + " (revision " + IDENTITY.revision() + ")"};
        }
    }
}
