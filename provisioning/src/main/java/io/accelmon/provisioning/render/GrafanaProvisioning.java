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
    /**
     * The datasource's own name, never the default: provisioning into a Grafana that already has a "Prometheus"
     * datasource (and a default) changes neither.
     */
    public static final String DATASOURCE_NAME = "accelmon Prometheus";
    public static final String DATASOURCES = "grafana/provisioning/datasources/accelmon.yml";
    public static final String DASHBOARDS = "grafana/provisioning/dashboards/accelmon.yml";
    /**
     * Where the hub role puts Grafana's copy of the basic-auth password (readable by the grafana group); the
     * datasource reads it with {@code $__file{}}, so the password never enters the kit.
     */
    public static final String PASSWORD_FILE = "/etc/grafana/accelmon-prometheus-password";

    private GrafanaProvisioning() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        var hub = spec.hubServer();
        var security = spec.security();
        String host = hub.address().contains(":") ? "[" + hub.address() + "]" : hub.address();
        Map<String, Object> jsonData = Doc.of("timeInterval", spec.intervals().scrape().toString(), "httpMethod", "POST");
        Map<String, Object> secure = new LinkedHashMap<>();
        Map<String, Object> ds = Doc.of(
                "name", DATASOURCE_NAME,
                "uid", DATASOURCE_UID,
                "type", "prometheus",
                "access", "proxy",
                "url", spec.scaleOut().queryUrl().isEmpty()
                        ? security.scheme() + "://" + host + ":" + spec.hub().prometheusPort()
                        : spec.scaleOut().queryUrl(),
                "isDefault", false,
                "editable", false);
        // The hub's credentials and CA are for the hub; a long-term store's own are the operator's to add.
        var auth = spec.scaleOut().queryUrl().isEmpty() ? security.basicAuth() : java.util.Optional.<ClusterSpec.BasicAuth>empty();
        var tls = spec.scaleOut().queryUrl().isEmpty() ? security.tls() : java.util.Optional.<ClusterSpec.Tls>empty();
        auth.ifPresent(a -> {
            ds.put("basicAuth", true);
            ds.put("basicAuthUser", a.username());
            secure.put("basicAuthPassword", "$__file{" + PASSWORD_FILE + "}");
        });
        tls.ifPresent(t -> {
            if (t.insecureSkipVerify()) {
                jsonData.put("tlsSkipVerify", true);
            } else if (!t.caFile().isBlank()) {
                jsonData.put("tlsAuthWithCACert", true);
                secure.put("tlsCACert", "$__file{" + t.caFile() + "}");
            }
        });
        ds.put("jsonData", jsonData);
        if (!secure.isEmpty()) {
            ds.put("secureJsonData", secure);
        }
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
