package io.accelmon.gpu;

import com.sun.net.httpserver.HttpHandler;
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
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.XidCounts;
import io.accelmon.jobs.DeviceProcess;
import io.accelmon.jobs.JobCollector;
import io.accelmon.jobs.JobMonitor;
import io.accelmon.jobs.JobMonitoring;
import io.accelmon.jobs.JobsOptions;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** gpu-exporter: NVIDIA GPU metrics through NVML (nvidia-smi as fallback), plus the AI job monitor, on {@code :9835}. */
@Command(name = "gpu-exporter", mixinStandardHelpOptions = true, versionProvider = GpuExporterMain.Version.class,
        sortOptions = false,
        description = "Exports NVIDIA GPU metrics (NVML, nvidia-smi fallback) with per-process and per-user "
                + "GPU memory, and the AI jobs running on the host.")
public final class GpuExporterMain implements Callable<Integer> {

    static final ExporterIdentity IDENTITY = ExporterIdentity.of("gpu-exporter", "accelmon gpu-exporter", ":9835");
    /** The job scan's default interval: GPUs are read per scrape, so there is no collection interval to follow. */
    static final Duration JOB_SCAN_INTERVAL = Duration.ofSeconds(15);

    @Mixin
    ExporterOptions options;
    @Mixin
    GpuOptions gpuOptions;
    @Mixin
    JobsOptions jobs;

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
        GpuCollector gpus = new GpuCollector(backend, null, gpuOptions.naming(), hostname(),
                gpuOptions.dcgmHostnameLabel(), gpuOptions.kubernetes(), new ProcessAttributor(), self);
        ScrapeGuard guard = new ScrapeGuard("gpu_exporter", options.collectorTimeout()).add(gpus);
        // without a backend the GPU collector would only fail: then only the jobs and the self-metrics are served
        ScrapeGuard withoutBackend = new ScrapeGuard("gpu_exporter", options.collectorTimeout());
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        JobMonitor monitor;
        try {
            monitor = JobMonitoring.start(jobs, () -> deviceProcesses(gpus.lastProcesses()), JOB_SCAN_INTERVAL,
                    withoutBackend, handlers);
        } catch (IOException e) {
            throw new ExporterCommandLine.UsageException(e.getMessage());
        }
        if (monitor != null) {
            guard.add(new JobCollector(monitor));
        }
        registry.register(self.after(() -> backend.present() ? guard.collect() : withoutBackend.collect()));

        ExporterServer server = ExporterServer.start(IDENTITY, options, registry, handlers);
        server.awaitTermination();
        return 0;
    }

    /** The GPUs' compute processes as the job monitor's device memory: {@code gpu<index>}, bytes (0 when N/A). */
    static List<DeviceProcess> deviceProcesses(List<GpuProcess> processes) {
        return processes.stream().map(p -> new DeviceProcess(p.pid(), "gpu" + p.gpuIndex(),
                p.usedMemoryBytes().orElse(0))).toList();
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
