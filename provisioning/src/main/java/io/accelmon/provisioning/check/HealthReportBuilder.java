package io.accelmon.provisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure mapping from Prometheus API answers to a {@link HealthReport}; no I/O, tested on recorded JSON. */
public final class HealthReportBuilder {

    private HealthReportBuilder() {
    }

    /**
     * @param activeTargets {@code data.activeTargets} of {@code /api/v1/targets}
     * @param nodeResults   {@code data.result} of each {@link NodeQuery}
     * @param expected      servers from the cluster file (empty without {@code --cluster}), in file order
     */
    public static HealthReport build(String prometheusUrl, JsonNode activeTargets, Map<NodeQuery, JsonNode> nodeResults,
                                     List<ServiceStatus> services, List<ExpectedServer> expected) {
        Map<String, List<TargetState>> targetsByServer = new TreeMap<>();
        Map<String, JsonNode> labelsByServer = new TreeMap<>();
        for (JsonNode t : activeTargets) {
            JsonNode labels = t.path("labels");
            String server = serverOf(labels);
            labelsByServer.putIfAbsent(server, labels);
            targetsByServer.computeIfAbsent(server, k -> new ArrayList<>()).add(new TargetState(
                    labels.path("job").asText(t.path("scrapePool").asText("?")),
                    labels.path("instance").asText("?"),
                    "up".equals(t.path("health").asText()),
                    t.path("lastError").asText("")));
        }
        targetsByServer.values().forEach(l -> l.sort((a, b) -> (a.job() + a.instance()).compareTo(b.job() + b.instance())));
        Map<String, NodeStats> stats = nodeStats(nodeResults);

        Map<String, ServerHealth> servers = new LinkedHashMap<>();
        for (ExpectedServer e : expected) {
            List<TargetState> targets = targetsByServer.getOrDefault(e.name(), List.of());
            JsonNode labels = labelsByServer.get(e.name());
            servers.put(e.name(), new ServerHealth(e.name(), e.role(),
                    labels == null ? e.hostname() : labels.path("hostname").asText(e.hostname()),
                    labels == null ? e.address() : labels.path("ip").asText(e.address()),
                    labels == null ? "" : labels.path("location").asText(""),
                    targets.isEmpty(), targets, stats.getOrDefault(e.name(), NodeStats.NONE)));
        }
        for (var entry : targetsByServer.entrySet()) {
            String name = entry.getKey();
            if (servers.containsKey(name)) {
                continue;
            }
            JsonNode labels = labelsByServer.get(name);
            servers.put(name, new ServerHealth(name, labels.path("server").asText(name),
                    labels.path("hostname").asText(""), labels.path("ip").asText(""),
                    labels.path("location").asText(""), false, entry.getValue(),
                    stats.getOrDefault(name, NodeStats.NONE)));
        }
        return new HealthReport(prometheusUrl, List.copyOf(servers.values()), services);
    }

    /**
     * The server a series or target belongs to: its unique {@code server_name} label, else {@code server} (configs
     * rendered before server names were labelled), else {@code hostname}, else the host.
     */
    public static String serverOf(JsonNode labels) {
        String name = labels.path("server_name").asText("");
        if (!name.isEmpty()) {
            return name;
        }
        String server = labels.path("server").asText("");
        if (!server.isEmpty()) {
            return server;
        }
        String hostname = labels.path("hostname").asText("");
        if (!hostname.isEmpty()) {
            return hostname;
        }
        String instance = labels.path("instance").asText("");
        int colon = instance.lastIndexOf(':');
        return colon > 0 ? instance.substring(0, colon) : instance;
    }

    static Map<String, NodeStats> nodeStats(Map<NodeQuery, JsonNode> results) {
        Map<String, EnumMap<NodeQuery, Double>> values = new TreeMap<>();
        for (var e : results.entrySet()) {
            for (JsonNode series : e.getValue()) {
                String server = serverOf(series.path("metric"));
                double v = parseValue(series.path("value").path(1).asText("NaN"));
                // Several node targets on one server (unusual) keep the first answer.
                values.computeIfAbsent(server, k -> new EnumMap<>(NodeQuery.class)).putIfAbsent(e.getKey(), v);
            }
        }
        Map<String, NodeStats> stats = new TreeMap<>();
        values.forEach((server, v) -> stats.put(server, new NodeStats(
                v.getOrDefault(NodeQuery.UPTIME, Double.NaN),
                v.getOrDefault(NodeQuery.LOAD1, Double.NaN),
                v.getOrDefault(NodeQuery.LOAD5, Double.NaN),
                v.getOrDefault(NodeQuery.LOAD15, Double.NaN),
                v.getOrDefault(NodeQuery.MEMORY_USED, Double.NaN),
                v.getOrDefault(NodeQuery.MEMORY_TOTAL, Double.NaN))));
        return stats;
    }

    /** Alertmanager base URLs from {@code /api/v1/alertmanagers} (their push URL minus {@code /api/v…/alerts}). */
    public static List<URI> alertmanagers(JsonNode data) {
        List<URI> urls = new ArrayList<>();
        for (JsonNode am : data.path("activeAlertmanagers")) {
            String url = am.path("url").asText("");
            if (!url.isEmpty()) {
                urls.add(URI.create(url.replaceFirst("/api/v[12]/alerts/?$", "")));
            }
        }
        return urls;
    }

    /** Grafana's state when Prometheus scrapes it (a job whose name contains "grafana"). */
    public static ServiceStatus grafana(JsonNode activeTargets) {
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (JsonNode t : activeTargets) {
            String job = t.path("labels").path("job").asText("");
            if (job.toLowerCase(java.util.Locale.ROOT).contains("grafana")) {
                String instance = t.path("labels").path("instance").asText("?");
                ("up".equals(t.path("health").asText()) ? up : down).add(instance);
            }
        }
        if (up.isEmpty() && down.isEmpty()) {
            return new ServiceStatus("Grafana", "", ServiceStatus.State.UNKNOWN, "not scraped by Prometheus");
        }
        String where = String.join(", ", up.isEmpty() ? down : up);
        return down.isEmpty()
                ? new ServiceStatus("Grafana", where, ServiceStatus.State.UP, "scraped")
                : new ServiceStatus("Grafana", String.join(", ", down), ServiceStatus.State.DOWN, "scrape failing");
    }

    private static double parseValue(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
