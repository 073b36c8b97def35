package io.accelmon.provisioning.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every alert the kit renders, with its default {@code for:}; the names {@code alerts.for_overrides} accepts. */
public final class AlertCatalog {

    private static final Map<String, PromDuration> DEFAULT_FOR = new LinkedHashMap<>();

    static {
        put("ServerDown", "1m");
        put("TargetDown", "2m");
        put("ExporterCollectorFailing", "5m");
        put("ExporterBackendDown", "2m");
        put("NodeHighMemoryUsage", "5m");
        put("NodeHighLoad", "10m");
        put("NodeFilesystemSpaceFillingUp", "1h");
        put("NodeFilesystemAlmostOutOfSpace", "30m");
        put("GPUHighTemperature", "5m");
        put("GPUHighMemoryUsage", "5m");
        put("GPUXidErrors", "0s");
        put("GPUUncorrectableECCErrors", "0s");
        put("GPULost", "1m");
        put("NPUHealthNotOK", "2m");
        put("APIHighLatency", "10m");
        put("APIHighErrorRate", "10m");
        put("VLLMHighTimeToFirstToken", "10m");
        put("AIJobLost", "0s");
        put("AIJobRankLost", "1m");
    }

    private AlertCatalog() {
    }

    private static void put(String name, String dur) {
        DEFAULT_FOR.put(name, PromDuration.parse(dur));
    }

    public static Set<String> names() {
        return DEFAULT_FOR.keySet();
    }

    public static PromDuration defaultFor(String name) {
        PromDuration d = DEFAULT_FOR.get(name);
        if (d == null) {
            throw new IllegalArgumentException("alert not in the catalog: " + name);
        }
        return d;
    }
}
