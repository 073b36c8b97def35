package io.accelmon.node;

import io.accelmon.core.cli.ExporterCommandLine;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.http.ExporterServer;
import io.accelmon.core.scrape.ScrapeGuard;
import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.cli.CollectorOptions;
import io.accelmon.node.cli.CollectorSwitches;
import io.accelmon.node.catalog.CollectorCatalog;
import io.accelmon.node.catalog.CollectorContext;
import io.accelmon.node.catalog.CollectorDefinition;
import picocli.CommandLine.Model.CommandSpec;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** node-collector: node_exporter-compatible host metrics on {@code :9100}. */
@Command(name = "node-collector", mixinStandardHelpOptions = true, versionProvider = NodeCollectorMain.Version.class,
        sortOptions = false,
        description = "Exports host metrics with node_exporter's names, types and labels.")
public final class NodeCollectorMain implements Callable<Integer> {

    static final ExporterIdentity IDENTITY =
            ExporterIdentity.of("node-collector", "accelmon node-collector", ":9100");

    @Mixin
    ExporterOptions options;
    final CollectorSwitches switches = new CollectorSwitches(CollectorCatalog.ALL);
    @Mixin
    CollectorOptions collectorOptions;

    public static void main(String[] args) {
        ExporterCommandLine.main("node-collector", new NodeCollectorMain().commandSpec(), args);
    }

    /** This command with the collector switches generated from the catalog. */
    public CommandSpec commandSpec() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(this);
        switches.addTo(spec);
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        options.applyLogLevel();
        // One lane: the reads are short kernel reads, and handing them to a second thread cost ~20% more CPU per
        // scrape than it saved in latency (bench/node-vs-node-exporter.sh); a read that blocks still gets a lane
        // added after ScrapeGuard.STALL. (A second lane after 8 ms instead cost as much CPU as two lanes.)
        ScrapeGuard guard = new ScrapeGuard("node_scrape", options.collectorTimeout(), 1, ScrapeGuard.STALL);
        collectors().forEach(guard::add);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(guard);
        ProcessMetrics.builder().register(registry);
        ExporterServer server = ExporterServer.start(IDENTITY, options, registry);
        warmUp(guard);
        server.awaitTermination();
        return 0;
    }

    /**
     * Runs every collector once in the background right after the port is bound, so that loading JNA's native
     * library and the first class loading happen at start and not in the first scrape (which Prometheus may time
     * out), without delaying the first scrape: the reads go through the guard's single-flight, so a scrape that
     * arrives during the warm-up joins the reads in flight instead of starting its own.
     */
    private static void warmUp(ScrapeGuard guard) {
        Thread t = new Thread(() -> {
            try {
                guard.collect();
            } catch (RuntimeException e) {
                Logger.getLogger(NodeCollectorMain.class.getName()).fine(() -> "warm-up: " + e);
            }
        }, "node-collector-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The enabled collectors, built once. */
    List<SourceCollector> collectors() {
        ProcFiles files = new ProcFiles(collectorOptions.procfs(), collectorOptions.sysfs(), collectorOptions.rootfs())
                .keepPseudoFilesOpen();
        CollectorContext context = new CollectorContext(files, collectorOptions);
        List<SourceCollector> list = new ArrayList<>();
        for (CollectorDefinition d : switches.enabled()) {
            list.add(d.factory().apply(context));
        }
        return list;
    }

    /** {@code --version}: name, version and revision from the build. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"node-collector " + IDENTITY.version() + " (revision " + IDENTITY.revision() + ")"};
        }
    }
}
