package io.accelmon.provisioning.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out one Grafana 10+ dashboard (classic JSON model, schemaVersion 39): panels flow left to right in rows of 24
 * columns; every panel and target uses the {@code $datasource} variable; ids are assigned in order.
 */
final class DashboardBuilder {

    static final int SCHEMA_VERSION = 39;
    static final Map<String, Object> DS = Documents.of("type", "prometheus", "uid", "${datasource}");
    /**
     * Matches the role ({@code server} label), server ({@code server_name} label) and instance variables; every panel
     * query carries it.
     */
    static final String S = "server=~\"$role\",server_name=~\"$server\",instance=~\"$instance\"";

    /** One query of a panel. */
    record Target(String expr, String legend) {
    }

    private final String uid;
    private final String title;
    private final String instanceQuery;
    private final List<Object> panels = new ArrayList<>();
    private int nextId = 1;
    private int x;
    private int y;
    private int lineHeight;

    DashboardBuilder(String uid, String title, String instanceMetric) {
        this.uid = uid;
        this.title = title;
        this.instanceQuery = "label_values(" + instanceMetric + "{server=~\"$role\",server_name=~\"$server\"}, instance)";
    }

    static Target t(String expr, String legend) {
        return new Target(expr, legend);
    }

    DashboardBuilder row(String rowTitle) {
        newLine();
        panels.add(Documents.of("type", "row", "title", rowTitle, "id", nextId++, "collapsed", false,
                "gridPos", grid(0, y, 24, 1), "panels", List.of()));
        y += 1;
        return this;
    }

    DashboardBuilder timeseries(String panelTitle, String unit, int w, Target... targets) {
        Map<String, Object> defaults = Documents.of("unit", unit, "custom", Documents.of(
                "drawStyle", "line", "lineWidth", 1, "fillOpacity", 10, "showPoints", "never", "spanNulls", false));
        if (unit.equals("percent")) {
            defaults.put("min", 0);
        }
        return add(panelTitle, "timeseries", w, 8, defaults, Documents.of(
                "legend", Documents.of("displayMode", "list", "placement", "bottom", "showLegend", true, "calcs", List.of()),
                "tooltip", Documents.of("mode", "multi", "sort", "desc")), false, targets);
    }

    DashboardBuilder stat(String panelTitle, String unit, Target target) {
        Map<String, Object> defaults = Documents.of("unit", unit, "thresholds", Documents.of("mode", "absolute",
                "steps", List.of(Documents.of("color", "green", "value", null))));
        return add(panelTitle, "stat", 6, 4, defaults, Documents.of(
                "reduceOptions", Documents.of("calcs", List.of("lastNotNull"), "fields", "", "values", false),
                "colorMode", "value", "graphMode", "area", "textMode", "auto", "justifyMode", "auto",
                "orientation", "auto"), false, target);
    }

    DashboardBuilder table(String panelTitle, String unit, int w, Target target) {
        return add(panelTitle, "table", w, 8, Documents.of("unit", unit), Documents.of("showHeader", true,
                "cellHeight", "sm"), true, target);
    }

    private DashboardBuilder add(String panelTitle, String type, int w, int h, Map<String, Object> defaults,
            Map<String, Object> options, boolean instant, Target... targets) {
        if (x + w > 24) {
            newLine();
        }
        List<Object> ts = new ArrayList<>();
        char ref = 'A';
        for (Target t : targets) {
            Map<String, Object> target = Documents.of("datasource", DS, "refId", String.valueOf(ref++), "expr", t.expr(),
                    "legendFormat", t.legend(), "editorMode", "code", "range", !instant, "instant", instant);
            if (instant) {
                target.put("format", "table");
            }
            ts.add(target);
        }
        Map<String, Object> panel = Documents.of("type", type, "title", panelTitle, "id", nextId++, "datasource", DS,
                "gridPos", grid(x, y, w, h), "fieldConfig", Documents.of("defaults", defaults, "overrides", List.of()),
                "options", options, "targets", ts);
        if (instant) {
            panel.put("transformations", List.of(Documents.of("id", "organize", "options",
                    Documents.of("excludeByName", Documents.of("Time", true, "__name__", true)))));
        }
        panels.add(panel);
        x += w;
        lineHeight = Math.max(lineHeight, h);
        return this;
    }

    private void newLine() {
        if (x > 0) {
            y += lineHeight;
        }
        x = 0;
        lineHeight = 0;
    }

    private static Map<String, Object> grid(int x, int y, int w, int h) {
        return Documents.of("h", h, "w", w, "x", x, "y", y);
    }

    private static Map<String, Object> queryVar(String name, String label, String query) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("label", label);
        v.put("type", "query");
        v.put("datasource", DS);
        v.put("query", Documents.of("query", query, "refId", "PrometheusVariableQueryEditor-VariableQuery"));
        v.put("definition", query);
        v.put("refresh", 2);
        v.put("multi", true);
        v.put("includeAll", true);
        v.put("allValue", ".+");
        v.put("current", Documents.of("selected", true, "text", List.of("All"), "value", List.of("$__all")));
        v.put("sort", 1);
        v.put("hide", 0);
        v.put("regex", "");
        v.put("options", List.of());
        return v;
    }

    Map<String, Object> build(List<String> tags) {
        List<Object> vars = List.of(
                Documents.of("name", "datasource", "label", "Data source", "type", "datasource", "query", "prometheus",
                        "current", Documents.of("selected", true, "text", GrafanaProvisioning.DATASOURCE_NAME,
                                "value", GrafanaProvisioning.DATASOURCE_UID),
                        "hide", 0, "refresh", 1, "regex", "", "options", List.of()),
                queryVar("role", "Role", "label_values(up, server)"),
                queryVar("server", "Server", "label_values(up{server=~\"$role\"}, server_name)"),
                queryVar("instance", "Instance", instanceQuery));
        return Documents.of(
                "annotations", Documents.of("list", List.of(Documents.of("builtIn", 1,
                        "datasource", Documents.of("type", "grafana", "uid", "-- Grafana --"), "enable", true, "hide", true,
                        "iconColor", "rgba(0, 211, 255, 1)", "name", "Annotations & Alerts", "type", "dashboard"))),
                "editable", true,
                "fiscalYearStartMonth", 0,
                "graphTooltip", 1,
                "id", null,
                "links", List.of(Documents.of("title", "accelmon", "type", "dashboards", "tags", List.of("accelmon"),
                        "asDropdown", true, "includeVars", true, "keepTime", true)),
                "panels", panels,
                "refresh", "30s",
                "schemaVersion", SCHEMA_VERSION,
                "tags", tags,
                "templating", Documents.of("list", vars),
                "time", Documents.of("from", "now-1h", "to", "now"),
                "timepicker", Documents.of(),
                "timezone", "browser",
                "title", title,
                "uid", uid,
                "version", 1,
                "weekStart", "");
    }
}
