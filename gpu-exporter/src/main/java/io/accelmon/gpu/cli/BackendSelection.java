package io.accelmon.gpu.cli;

import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.XidCounts;
import io.accelmon.gpu.nvml.NvmlSource;
import io.accelmon.gpu.nvml.NvmlUnavailableException;
import io.accelmon.gpu.nvml.XidWatcher;
import io.accelmon.gpu.smi.SmiSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Chooses the GPU source once at start: NVML, else nvidia-smi (for {@code auto}), else none, logging why. A source
 * that cannot be opened never stops the exporter: it then serves only its own metrics with backend_up 0.
 */
public final class BackendSelection {

    private static final Logger LOG = Logger.getLogger(BackendSelection.class.getName());

    /** The chosen source (empty when none works), and the Xid counts and watcher when NVML events run. */
    public record Selected(Optional<GpuSource> source, XidCounts xids, AutoCloseable xidWatcher) {
    }

    private BackendSelection() {
    }

    public static Selected select(GpuOptions options, Duration timeout, Runnable onParseError) {
        GpuOptions.Backend backend = options.backend();
        if (backend != GpuOptions.Backend.NVIDIA_SMI) {
            try {
                NvmlSource nvml = NvmlSource.open(options.nvmlLibrary());
                LOG.info(() -> "backend nvml: " + nvml.library().path() + ", " + nvml.gpus().size() + " GPU(s)");
                XidCounts xids = new XidCounts();
                return new Selected(Optional.of(nvml), xids, XidWatcher.start(nvml, xids));
            } catch (NvmlUnavailableException | UnsatisfiedLinkError e) {
                LOG.warning(() -> "NVML unavailable: " + e.getMessage());
                if (backend == GpuOptions.Backend.NVML) {
                    return none("--backend=nvml and NVML cannot be used");
                }
            }
        }
        Optional<String> smi = resolve(options.nvidiaSmiPath());
        if (smi.isEmpty()) {
            return none("nvidia-smi not found as '" + options.nvidiaSmiPath() + "'");
        }
        try {
            SmiSource source = SmiSource.open(smi.get(), timeout, onParseError);
            LOG.info(() -> "backend nvidia-smi: " + smi.get());
            return new Selected(Optional.of(source), null, () -> { });
        } catch (IOException e) {
            return none("nvidia-smi unusable: " + e.getMessage());
        }
    }

    private static Selected none(String why) {
        LOG.severe(() -> "no GPU backend (" + why + "): serving only the exporter's own metrics with "
                + "gpu_exporter_backend_up 0");
        return new Selected(Optional.empty(), null, () -> { });
    }

    /** A path with a slash as is, else the first executable of that name on PATH. */
    static Optional<String> resolve(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary)) ? Optional.of(binary) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
