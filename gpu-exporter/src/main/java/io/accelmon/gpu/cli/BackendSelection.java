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
 * One attempt to choose the GPU source: NVML, else nvidia-smi (for {@code auto}), else none, logging why. A source
 * that cannot be opened never stops the exporter; {@link BackendSupervisor} repeats the attempt while there is none.
 */
public final class BackendSelection {

    private static final Logger LOG = Logger.getLogger(BackendSelection.class.getName());

    /** The chosen source (empty when none works), and the Xid watcher to close with it. */
    public record Selected(Optional<GpuSource> source, AutoCloseable xidWatcher) {

        public String name() {
            return source.map(GpuSource::name).orElse("none");
        }

        void close() {
            try {
                xidWatcher.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing the Xid watcher: " + e);
            }
            source.ifPresent(GpuSource::close);
        }
    }

    private BackendSelection() {
    }

    /** @param why logged at {@code quiet ? FINE : SEVERE} when nothing works (quiet for background retries) */
    public static Selected select(GpuOptions options, Duration timeout, Runnable onParseError, XidCounts xids,
                                  boolean quiet) {
        GpuOptions.Backend backend = options.backend();
        if (backend != GpuOptions.Backend.NVIDIA_SMI) {
            try {
                NvmlSource nvml = NvmlSource.open(options.nvmlLibrary(), options.gpmInterval());
                LOG.info(() -> "backend nvml: " + nvml.library().path() + ", " + nvml.gpus().size() + " GPU(s)");
                XidWatcher watcher = XidWatcher.start(nvml, xids);
                return new Selected(Optional.of(new XidSource(nvml, xids)), watcher);
            } catch (NvmlUnavailableException | UnsatisfiedLinkError e) {
                log(quiet, "NVML unavailable: " + e.getMessage());
                if (backend == GpuOptions.Backend.NVML) {
                    return none("--backend=nvml and NVML cannot be used", quiet);
                }
            }
        }
        Optional<String> smi = resolve(options.nvidiaSmiPath());
        if (smi.isEmpty()) {
            return none("nvidia-smi not found as '" + options.nvidiaSmiPath() + "'", quiet);
        }
        try {
            SmiSource source = SmiSource.open(smi.get(), timeout, onParseError);
            LOG.info(() -> "backend nvidia-smi: " + smi.get());
            return new Selected(Optional.of(source), () -> { });
        } catch (IOException e) {
            return none("nvidia-smi unusable: " + e.getMessage(), quiet);
        }
    }

    private static Selected none(String why, boolean quiet) {
        if (quiet) {
            LOG.fine(() -> "still no GPU backend (" + why + ")");
        } else {
            LOG.severe(() -> "no GPU backend (" + why + "): serving only the exporter's own metrics with "
                    + "gpu_exporter_backend_up 0, retrying in the background");
        }
        return new Selected(Optional.empty(), () -> { });
    }

    private static void log(boolean quiet, String message) {
        if (quiet) {
            LOG.fine(message);
        } else {
            LOG.warning(message);
        }
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

    /** NVML with the Xid counts its event thread fills. */
    private record XidSource(NvmlSource nvml, XidCounts counts) implements GpuSource {
        @Override
        public String name() {
            return nvml.name();
        }

        @Override
        public io.accelmon.gpu.model.GpuSnapshot read() {
            return nvml.read();
        }

        @Override
        public XidCounts xids() {
            return counts;
        }

        @Override
        public void close() {
            nvml.close();
        }
    }
}
