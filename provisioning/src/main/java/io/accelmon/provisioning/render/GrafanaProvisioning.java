package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana provisioning: the Prometheus datasource with the fixed uid every dashboard falls back to, and a file
 * provider pointing at {@code <kit_dir>/grafana/dashboards}.
 */
public final class GrafanaProvisioning {

    public static final String DATASOURCE_UID = "accelmon-prometheus";
    public static final String DATASOURCES = "grafana/provisioning/datasources/accelmon.yml";
    public static final String DASHBOARDS = "grafana/provisioning/dashboards/accelmon.yml";

    private GrafanaProvisioning() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        var hub = spec.hubServer();
        Map<String, Object> ds = Doc.of(
                "name", "Prometheus",
                "uid", DATASOURCE_UID,
                "type", "prometheus",
                "access", "proxy",
                "url", "http://" + hub.address() + ":" + spec.hub().prometheusPort(),
                "isDefault", true,
                "editable", false,
                "jsonData", Doc.of("timeInterval", spec.intervals().scrape().toString(), "httpMethod", "POST"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DATASOURCES, Yaml.write("Rendered by `accelmon render`; do not edit.",
                Doc.of("apiVersion", 1, "datasources", List.of(ds))));
        out.put(DASHBOARDS, Yaml.write("Rendered by `accelmon render`; do not edit.", Doc.of(
                "apiVersion", 1,
                "providers", List.of(Doc.of(
                        "name", "accelmon",
                        "orgId", 1,
                        "folder", "accelmon",
                        "type", "file",
                        "disableDeletion", true,
                        "allowUiUpdates", false,
                        "updateIntervalSeconds", 60,
                        "options", Doc.of("path", spec.kitDir() + "/grafana/dashboards",
                                "foldersFromFilesStructure", false))))));
        return out;
    }
}
