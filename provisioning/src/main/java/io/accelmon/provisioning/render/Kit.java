package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import java.util.Map;
import java.util.TreeMap;

/** The whole rendered kit in memory: relative path → file content, from every renderer. */
public final class Kit {

    private Kit() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Map<String, String> files = new TreeMap<>();
        files.putAll(PrometheusConfig.render(spec));
        files.putAll(AlertRules.render(spec));
        files.putAll(RecordingRules.render(spec));
        files.putAll(AlertmanagerConfig.render(spec));
        files.putAll(GrafanaProvisioning.render(spec));
        files.putAll(Dashboards.render(spec));
        files.putAll(AnsibleInventory.render(spec));
        return files;
    }
}
