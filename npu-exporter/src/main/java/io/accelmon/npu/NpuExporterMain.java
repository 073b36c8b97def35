package io.accelmon.npu;

import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.core.cli.ExporterCommandLine;
import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.core.http.ExporterServer;
import io.accelmon.core.process.ProcessRunner;
import io.accelmon.core.scrape.ScrapeGuard;
import io.accelmon.jobs.DeviceProcess;
import io.accelmon.jobs.JobMonitoring;
import io.accelmon.jobs.JobsOptions;
import io.accelmon.npu.cli.NpuOptions;
import io.accelmon.npu.collect.AccelmonNaming;
import io.accelmon.npu.collect.BackendSupervisor;
import io.accelmon.npu.collect.HuaweiNaming;
import io.accelmon.npu.collect.Naming;
import io.accelmon.npu.collect.NpuBackend;
import io.accelmon.npu.collect.NpuCollector;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.collect.SnapshotLoop;
import io.accelmon.npu.dcmi.DcmiBackend;
import io.accelmon.npu.smi.NpuSmi;
import io.accelmon.npu.net.HccnTool;
import io.accelmon.npu.net.NetworkMonitor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** accelmon npu-exporter: Ascend NPUs through DCMI or npu-smi, plus the AI job monitor, on :8082. */
@Command(name = "npu-exporter", mixinStandardHelpOptions = true, versionProvider = NpuExporterMain.Version.class,
        description = "Prometheus exporter for Ascend NPUs (npu-smi / DCMI) and the AI jobs running on them.")
public final class NpuExporterMain implements Callable<Integer> {

    static final ExporterIdentity IDENTITY = ExporterIdentity.of("npu-exporter", "accelmon npu-exporter", ":8082");
    private static final Logger LOG = Logger.getLogger(NpuExporterMain.class.getName());

    @Mixin
    ExporterOptions options;

    @Mixin
    NpuOptions npu;

    @Mixin
    JobsOptions jobs;

    public static void main(String[] args) {
        ExporterCommandLine.main("npu-exporter", new NpuExporterMain(), args);
    }

    @Override
    public Integer call() throws Exception {
        options.applyLogLevel();
        if (!java.util.List.of("auto", "dcmi", "npu-smi").contains(npu.backend)) {
            throw new ExporterCommandLine.UsageException("--backend: '" + npu.backend + "' is not auto, dcmi or npu-smi");
        }
        if (!java.util.List.of("accelmon", "huawei").contains(npu.naming)) {
            throw new ExporterCommandLine.UsageException("--metrics.naming: '" + npu.naming
                    + "' is not accelmon or huawei");
        }
        NpuBackend backend = backend();
        SnapshotLoop loop = new SnapshotLoop(backend, npu.interval, network(npu)).start();
        ProcessAttributor attributor = new ProcessAttributor();
        Naming naming = npu.naming.equals("huawei") ? new HuaweiNaming(IDENTITY.version()) : new AccelmonNaming();
        ScrapeGuard guard = new ScrapeGuard("npu_exporter", options.collectorTimeout());
        guard.add(new NpuCollector(loop, naming, attributor));
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        try {
            JobMonitoring.start(jobs, () -> deviceProcesses(loop.latest()), npu.interval, guard, handlers);
        } catch (IOException e) {
            throw new ExporterCommandLine.UsageException(e.getMessage());
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(guard);
        ExporterServer server = ExporterServer.start(IDENTITY, options, registry, handlers);
        server.awaitTermination();
        return 0;
    }

    /**
     * The backend, supervised: probed again with backoff while there is none and when it keeps failing. With
     * {@code --backend=dcmi} a DCMI that does not load at start is a usage error.
     */
    private NpuBackend backend() {
        NpuBackend first = probe();
        if (first == null && npu.backend.equals("dcmi")) {
            throw new ExporterCommandLine.UsageException("--backend=dcmi: libdcmi.so not found or dcmi_init failed"
                    + (npu.dcmiLibrary == null ? "" : " (" + npu.dcmiLibrary + ")"));
        }
        if (first == null) {
            LOG.warning("no NPU backend: neither DCMI nor npu-smi (/usr/local/sbin/npu-smi, PATH) answers; "
                    + "npu_exporter_backend_up{backend=\"none\"} is 0 and the backends are probed again with backoff");
        }
        java.util.concurrent.atomic.AtomicReference<NpuBackend> initial =
                new java.util.concurrent.atomic.AtomicReference<>(first);
        return new BackendSupervisor(() -> {
            NpuBackend chosen = initial.getAndSet(null);
            return chosen != null ? chosen : probe();
        });
    }

    /** One selection: DCMI (unless --backend=npu-smi), else npu-smi where it is installed; null when none is. */
    private NpuBackend probe() {
        Path smiPath = NpuSmi.locate(npu.npuSmiPath);
        NpuSmiBackend smi = smiPath == null || !java.nio.file.Files.isExecutable(smiPath) ? null
                : new NpuSmiBackend(new NpuSmi(smiPath, npu.npuSmiTimeout, new ProcessRunner()));
        if (!npu.backend.equals("npu-smi")) {
            DcmiBackend dcmi = DcmiBackend.open(npu.dcmiLibrary, smi);
            if (dcmi != null || npu.backend.equals("dcmi")) {
                return dcmi;
            }
        }
        return smi;
    }

    /** The chips' process table as the job monitor's device memory: {@code npu<id>} or {@code npu<id>-<chip>}. */
    static java.util.List<DeviceProcess> deviceProcesses(io.accelmon.npu.model.NpuSnapshot s) {
        return s.processes().stream().map(p -> new DeviceProcess(p.pid(),
                "npu" + p.npuId() + (p.chipOrZero() == 0 ? "" : "-" + p.chipOrZero()),
                Math.round(p.memoryMb() * 1024.0 * 1024.0))).toList();
    }

    /** {@code --version}. */
    public static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"npu-exporter " + IDENTITY.version() + " (revision " + IDENTITY.revision() + ")"};
        }
    }

    /** hccn_tool from the flag, else at its default place; null (no network families) when there is none. */
    private static NetworkMonitor network(NpuOptions npu) {
        Path tool = npu.hccnToolPath != null ? npu.hccnToolPath
                : java.nio.file.Files.isExecutable(HccnTool.DEFAULT_PATH) ? HccnTool.DEFAULT_PATH : null;
        return tool == null ? null : new NetworkMonitor(new HccnTool(tool, npu.hccnToolTimeout, new ProcessRunner()));
    }
}
