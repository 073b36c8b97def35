package io.accelmon.provisioning.spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every alert the kit renders: its name and default {@code for:}, written here and nowhere else. The rules take both
 * from here; {@code alerts.for_overrides} accepts exactly these names.
 */
public enum AlertCatalog {
    SERVER_DOWN("ServerDown", "1m"),
    TARGET_DOWN("TargetDown", "2m"),
    EXPORTER_COLLECTOR_FAILING("ExporterCollectorFailing", "5m"),
    EXPORTER_BACKEND_DOWN("ExporterBackendDown", "2m"),
    NODE_HIGH_MEMORY_USAGE("NodeHighMemoryUsage", "5m"),
    NODE_HIGH_LOAD("NodeHighLoad", "10m"),
    NODE_FILESYSTEM_SPACE_FILLING_UP("NodeFilesystemSpaceFillingUp", "1h"),
    NODE_FILESYSTEM_ALMOST_OUT_OF_SPACE("NodeFilesystemAlmostOutOfSpace", "30m"),
    GPU_HIGH_TEMPERATURE("GPUHighTemperature", "5m"),
    GPU_HIGH_MEMORY_USAGE("GPUHighMemoryUsage", "5m"),
    GPU_XID_ERRORS("GPUXidErrors", "0s"),
    GPU_UNCORRECTABLE_ECC_ERRORS("GPUUncorrectableECCErrors", "0s"),
    GPU_LOST("GPULost", "1m"),
    NPU_HEALTH_NOT_OK("NPUHealthNotOK", "2m"),
    API_HIGH_LATENCY("APIHighLatency", "10m"),
    API_HIGH_ERROR_RATE("APIHighErrorRate", "10m"),
    VLLM_HIGH_TIME_TO_FIRST_TOKEN("VLLMHighTimeToFirstToken", "10m"),
    AI_JOB_LOST("AIJobLost", "0s"),
    AI_JOB_RANK_LOST("AIJobRankLost", "1m");

    private static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(
            Arrays.stream(values()).map(AlertCatalog::alertName).toList()));

    private final String alertName;
    private final PromDuration defaultFor;

    AlertCatalog(String alertName, String defaultFor) {
        this.alertName = alertName;
        this.defaultFor = PromDuration.parse(defaultFor);
    }

    /** The {@code alert:} name, as Alertmanager, the runbooks and {@code alerts.for_overrides} know it. */
    public String alertName() {
        return alertName;
    }

    /** The {@code for:} before {@code alerts.for_scale} and {@code alerts.for_overrides}. */
    public PromDuration defaultFor() {
        return defaultFor;
    }

    /** The alert called {@code alertName}, if the kit renders one. */
    public static Optional<AlertCatalog> named(String alertName) {
        return Arrays.stream(values()).filter(a -> a.alertName.equals(alertName)).findFirst();
    }

    /** Every alert name, in render order. */
    public static Set<String> names() {
        return NAMES;
    }
}
