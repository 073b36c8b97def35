package io.accelmon.core;

import io.accelmon.core.cli.ExporterIdentity;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Registers {@code accelmon_build_info{version,revision,java_version,exporter}}. */
public final class BuildInfo {

    private BuildInfo() {
    }

    public static void register(PrometheusRegistry registry, ExporterIdentity identity) {
        Info info = Info.builder()
                .name("accelmon_build_info")
                .help("A metric with a constant '1' value labeled by version, revision, Java version and exporter.")
                .labelNames("version", "revision", "java_version", "exporter")
                .register(registry);
        info.addLabelValues(identity.version(), identity.revision(), System.getProperty("java.version"),
                identity.name());
    }
}
