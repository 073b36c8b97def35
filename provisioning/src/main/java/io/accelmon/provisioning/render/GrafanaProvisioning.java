package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana provisioning: the Prometheus datasource with the fixed uid every dashboard falls back to, and a file
 * provider reading {@link #dashboardsDir}, where the kit's dashboards are wherever the kit is used: in the kit itself
 * when the kit is used where it was rendered ({@code render --kit-dir}, the local stack), and where the Ansible hub
 * role copies them ({@code accelmon_grafana_dashboards_dir}, rendered from the same value).
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

    /** The directory Grafana's dashboard provider reads: {@code <kit_dir>/grafana/dashboards}. */
    public static String dashboardsDir(ClusterSpec spec) {
        return spec.kitDir().replaceAll("/+$", "") + "/" + Dashboards.DIR.replaceAll("/$", "");
    }

    public static Map<String, String> render(ClusterSpec spec) {
        var hub = spec.hubServer();
        var security = spec.security();
        String host = hub.address().contains(":") ? "[" + hub.address() + "]" : hub.address();
        Map<String, Object> jsonData = Documents.of("timeInterval", spec.intervals().scrape().toString(), "httpMethod", "POST");
        Map<String, Object> secure = new LinkedHashMap<>();
        Map<String, Object> ds = Documents.of(
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
        out.put(DATASOURCES, Documents.yaml("Rendered by `accelmon render`; do not edit.",
                Documents.of("apiVersion", 1, "datasources", List.of(ds))));
        out.put(DASHBOARDS, Documents.yaml("Rendered by `accelmon render`; do not edit.", Documents.of(
                "apiVersion", 1,
                "providers", List.of(Documents.of(
                        "name", "accelmon",
                        "orgId", 1,
                        "folder", "accelmon",
                        "type", "file",
                        "disableDeletion", true,
                        "allowUiUpdates", false,
                        "updateIntervalSeconds", 60,
                        "options", Documents.of("path", dashboardsDir(spec),
                                "foldersFromFilesStructure", false))))));
        return out;
    }
}
