package io.accelmon.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The flags every accelmon exporter shares, in the Prometheus exporter convention. Mixed into each exporter's
 * picocli command with {@code @Mixin}; the default listen address comes from {@link ExporterIdentity}.
 */
public class ExporterOptions {

    static final String LISTEN_ADDRESS = "--web.listen-address";

    @Option(names = LISTEN_ADDRESS, paramLabel = "HOST:PORT",
            converter = ListenAddressConverter.class,
            description = "Address to listen on for web interface and telemetry (default: ${DEFAULT-VALUE}).")
    ListenAddress listenAddress;

    @Option(names = "--web.telemetry-path", paramLabel = "PATH", defaultValue = "/metrics",
            description = "Path under which to expose metrics (default: ${DEFAULT-VALUE}).")
    String telemetryPath;

    @Option(names = "--web.config.file", paramLabel = "FILE",
            description = "Exporter-toolkit web config file (TLS and basic auth).")
    Path webConfigFile;

    @Option(names = "--log.level", paramLabel = "LEVEL", defaultValue = "info",
            converter = LogLevelConverter.class,
            description = "Only log messages with the given severity or above: debug, info, warn, error (default: ${DEFAULT-VALUE}).")
    Level logLevel;

    @Option(names = "--collector.timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Longest time a scrape waits for a source before reporting it failed (default: ${DEFAULT-VALUE}).")
    Duration collectorTimeout;

    @Option(names = "--web.max-requests", paramLabel = "N", defaultValue = "40",
            description = "Maximum number of parallel scrape requests; past it a scrape is answered 503."
                    + " 0 means no limit (default: ${DEFAULT-VALUE}).")
    int maxRequests;

    public ListenAddress listenAddress(ListenAddress fallback) {
        return listenAddress != null ? listenAddress : fallback;
    }

    public String telemetryPath() {
        return telemetryPath;
    }

    public int maxRequests() {
        return maxRequests;
    }

    public Path webConfigFile() {
        return webConfigFile;
    }

    public Level logLevel() {
        return logLevel;
    }

    /** Applies {@code --log.level} to the root logger and its handlers (java.util.logging, which every exporter uses). */
    public void applyLogLevel() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(logLevel);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(logLevel);
        }
    }

    public Duration collectorTimeout() {
        return collectorTimeout;
    }

    public static final class ListenAddressConverter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            return ListenAddress.parse(value);
        }
    }

    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return PromDuration.parse(value);
        }
    }

    public static final class LogLevelConverter implements ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "debug" -> Level.FINE;
                case "info" -> Level.INFO;
                case "warn" -> Level.WARNING;
                case "error" -> Level.SEVERE;
                default -> throw new IllegalArgumentException(
                        "'" + value + "' is not one of debug, info, warn, error");
            };
        }
    }
}
