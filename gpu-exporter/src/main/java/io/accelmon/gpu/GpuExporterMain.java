package io.accelmon.gpu;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.core.cli.ExporterCommandLine;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.http.ExporterServer;
import io.accelmon.core.scrape.ScrapeGuard;
import io.accelmon.gpu.cli.BackendSelection;
import io.accelmon.gpu.cli.BackendSupervisor;
import io.accelmon.gpu.cli.GpuOptions;
import io.accelmon.gpu.collect.GpuCollector;
import io.accelmon.gpu.collect.SelfMetrics;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** gpu-exporter: NVIDIA GPU metrics through NVML (nvidia-smi as fallback) on {@code :9835}. */
@Command(name = "gpu-exporter", mixinStandardHelpOptions = true, versionProvider = GpuExporterMain.Version.class,
        sortOptions = false,
        description = "Exports NVIDIA GPU metrics (NVML, nvidia-smi fallback) with per-process and per-user "
                + "GPU memory.")
public final class GpuExporterMain implements Callable<Integer> {

    static final ExporterIdentity IDENTITY = ExporterIdentity.of("gpu-exporter", "accelmon gpu-exporter", ":9835");

    @Mixin
    ExporterOptions options;
    @Mixin
    GpuOptions gpuOptions;

    public static void main(String[] args) {
        ExporterCommandLine.main("gpu-exporter", new GpuExporterMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        options.applyLogLevel();
        SelfMetrics self = new SelfMetrics();
        XidCounts xids = new XidCounts();
        BackendSupervisor backend = new BackendSupervisor(quiet -> BackendSelection.select(gpuOptions,
                options.collectorTimeout(), self::parseError, xids, quiet), self);
        PrometheusRegistry registry = new PrometheusRegistry();
        ScrapeGuard guard = new ScrapeGuard("gpu_exporter", options.collectorTimeout());
        guard.add(new GpuCollector(backend, null, gpuOptions.naming(), hostname(), gpuOptions.dcgmHostnameLabel(),
                gpuOptions.kubernetes(), new ProcessAttributor(), self));
        // without a backend only the self-metrics are served (the collector would only fail)
        registry.register(self.after(() -> backend.present() ? guard.collect() : MetricSnapshots.builder().build()));

        ExporterServer server = ExporterServer.start(IDENTITY, options, registry);
        server.awaitTermination();
        return 0;
    }

    private static String hostname() {
        String node = System.getenv("NODE_NAME");
        if (node != null && !node.isBlank()) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** {@code --version}: name, version and revision from the build. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gpu-exporter " + IDENTITY.version() + " (revision " + IDENTITY.revision() + ")"};
        }
    }
}
