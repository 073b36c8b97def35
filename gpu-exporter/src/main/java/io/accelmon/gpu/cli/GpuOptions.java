package io.accelmon.gpu.cli;

import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.gpu.collect.GpuCollector.Naming;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The gpu-exporter's own flags. */
public class GpuOptions {

    /** Where GPU readings come from. */
    public enum Backend { AUTO, NVML, NVIDIA_SMI }

    @Option(names = "--backend", paramLabel = "auto|nvml|nvidia-smi", defaultValue = "auto",
            converter = BackendConverter.class,
            description = "GPU source: auto (NVML, else nvidia-smi, else only the exporter's own metrics), nvml, "
                    + "nvidia-smi (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(names = "--nvml.library", paramLabel = "PATH", defaultValue = "libnvidia-ml.so.1",
            description = "NVML library to load: a file name the dynamic linker searches, or a path "
                    + "(default: ${DEFAULT-VALUE}).")
    String nvmlLibrary;

    @Option(names = "--nvidia-smi.path", paramLabel = "PATH", defaultValue = "nvidia-smi",
            description = "nvidia-smi binary for the nvidia-smi backend, looked up on PATH when it has no slash "
                    + "(default: ${DEFAULT-VALUE}).")
    String nvidiaSmiPath;

    @Option(names = "--metrics.naming", paramLabel = "default|dcgm|nvidia-smi", defaultValue = "default",
            converter = NamingConverter.class,
            description = "Metric names: default (gpu_*, docs/contracts.md), dcgm (DCGM_FI_* with dcgm-exporter's "
                    + "labels and units) or nvidia-smi (nvidia_smi_* like nvidia_gpu_exporter) "
                    + "(default: ${DEFAULT-VALUE}).")
    Naming naming;

    @Option(names = "--gpm.interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = ExporterOptions.DurationConverter.class,
            description = "How often NVML GPM (profiling) counters are sampled in the background on Hopper and newer "
                    + "GPUs; 0s turns GPM off (default: ${DEFAULT-VALUE}).")
    Duration gpmInterval;

    @Option(names = "--kubernetes", negatable = true, defaultValue = "false",
            description = "dcgm naming: put the pod, namespace and container of the pod holding a GPU on that GPU's "
                    + "device series, like dcgm-exporter's --kubernetes (default: ${DEFAULT-VALUE}).")
    boolean kubernetes;

    @Option(names = "--dcgm.hostname-label", paramLabel = "NAME", defaultValue = "Hostname",
            description = "Label carrying the host name in dcgm naming: Hostname (dcgm-exporter up to 4.5), "
                    + "hostname (later), or none to leave it out (default: ${DEFAULT-VALUE}).")
    String dcgmHostnameLabel;

    public Backend backend() {
        return backend;
    }

    public String nvmlLibrary() {
        return nvmlLibrary;
    }

    public String nvidiaSmiPath() {
        return nvidiaSmiPath;
    }

    public Naming naming() {
        return naming;
    }

    public Duration gpmInterval() {
        return gpmInterval;
    }

    public boolean kubernetes() {
        return kubernetes;
    }

    /** The hostname label name, empty for none. */
    public String dcgmHostnameLabel() {
        return "none".equals(dcgmHostnameLabel) ? "" : dcgmHostnameLabel;
    }

    public static final class BackendConverter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "auto" -> Backend.AUTO;
                case "nvml" -> Backend.NVML;
                case "nvidia-smi" -> Backend.NVIDIA_SMI;
                default -> throw new IllegalArgumentException("'" + value + "' is not one of auto, nvml, nvidia-smi");
            };
        }
    }

    public static final class NamingConverter implements ITypeConverter<Naming> {
        @Override
        public Naming convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "default" -> Naming.DEFAULT;
                case "dcgm" -> Naming.DCGM;
                case "nvidia-smi" -> Naming.NVIDIA_SMI;
                default -> throw new IllegalArgumentException("'" + value
                        + "' is not one of default, dcgm, nvidia-smi");
            };
        }
    }
}
