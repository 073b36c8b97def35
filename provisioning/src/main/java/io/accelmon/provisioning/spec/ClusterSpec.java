package io.accelmon.provisioning.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated cluster: which servers run which exporters, where the hub runs Prometheus, Alertmanager and
 * Grafana, who gets alerted, the alert thresholds and durations, auth/TLS and scale-out. Built by
 * {@link ClusterSpecLoader}; every renderer is a pure function of it.
 */
public record ClusterSpec(
        Path source,
        String name,
        String kitDir,
        Intervals intervals,
        Hub hub,
        List<Server> servers,
        List<ApiService> apiServices,
        Alerting alerting,
        Thresholds thresholds,
        Alerts alerts,
        Security security,
        ScaleOut scaleOut,
        Discovery discovery) {

    /** This spec with the kit used from {@code dir} instead of {@code cluster.kit_dir} ({@code render --kit-dir}). */
    public ClusterSpec withKitDir(String dir) {
        return new ClusterSpec(source, name, dir, intervals, hub, servers, apiServices, alerting, thresholds, alerts,
                security, scaleOut, discovery);
    }

    /** How the rendered Prometheus finds its exporter targets: {@code prometheus/targets/<job>.yml} or inline. */
    public enum Discovery {
        FILE, STATIC
    }

    /** Exporter kinds in the order the kit renders them; the kind is the first half of a job name. */
    public enum ExporterKind {
        NODE("node"), GPU("gpu"), NPU("npu");

        private final String key;

        ExporterKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<ExporterKind> of(String key) {
            for (ExporterKind k : values()) {
                if (k.key.equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Scrape and rule evaluation intervals. */
    public record Intervals(PromDuration scrape, PromDuration evaluation, PromDuration scrapeTimeout) {
    }

    /** The server running Prometheus, Alertmanager and Grafana, and their ports. */
    public record Hub(String server, int prometheusPort, int alertmanagerPort, int alertmanagerClusterPort,
            int grafanaPort) {
    }

    /** One exporter on a server. */
    public record Exporter(ExporterKind kind, int port, String metricsPath) {
    }

    /**
     * One machine: unique name, role (the job suffix and the {@code server} label), hostname, the address scraped,
     * the {@code ip} label (defaults to the address), location.
     */
    public record Server(String name, String role, String hostname, String address, String ip, String location,
            Map<ExporterKind, Exporter> exporters) {

        public Optional<Exporter> exporter(ExporterKind kind) {
            return Optional.ofNullable(exporters.get(kind));
        }
    }

    /**
     * A service with its own {@code /metrics} on a server, scraped as job {@code <kind>-<role of its server>}: kind
     * {@code api} (api_services[], api_* / inference_* metrics) or one of a server's {@code services[]} kinds
     * ({@link #SERVICE_KINDS}).
     */
    public record ApiService(String name, String server, int port, String metricsPath, String kind) {

        public ApiService(String name, String server, int port, String metricsPath) {
            this(name, server, port, metricsPath, "api");
        }
    }

    /** The kinds a server's {@code services[]} entry may name: Ray's head node, nginx's exporter, vLLM, anything else. */
    public static final List<String> SERVICE_KINDS = List.of("ray", "nginx", "vllm", "custom");

    /** SMTP settings for email receivers; the password only as a file. */
    public record Smtp(String smarthost, String from, String authUsername, String authPasswordFile,
            boolean requireTls) {
    }

    /** A notification target: {@code email} (to) or {@code webhook} (url, optional bearer token file). */
    public record Receiver(String name, String type, List<String> to, String url, String bearerTokenFile,
            boolean sendResolved) {
    }

    /** Alertmanager routing: which receivers get which severity, grouping and timing. */
    public record Alerting(Optional<Smtp> smtp, List<Receiver> receivers, String defaultReceiver,
            List<String> critical, List<String> warning, List<String> groupBy, PromDuration groupWait,
            PromDuration groupInterval, PromDuration repeatInterval, PromDuration resolveTimeout) {

        public Optional<Receiver> receiver(String name) {
            return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    }

    /** A warning threshold and an optional critical one (the critical twin of the same alert). */
    public record Level(double warning, Optional<Double> critical) {
    }

    /** Alert thresholds; the example cluster values are the defaults. */
    public record Thresholds(Level gpuTemperatureCelsius, Level gpuMemoryUsedPercent, Level nodeMemoryUsedPercent,
            Level nodeLoad5PerCore, Level apiLatencyP95Seconds, Level apiErrorRatio, PromDuration jobLostAfter,
            Level vllmTtftP95Seconds) {
    }

    /** Alert options: per-alert {@code for:} overrides, a global scale on every {@code for:}, the runbook base URL. */
    public record Alerts(Map<String, PromDuration> forOverrides, double forScale, String runbookBaseUrl) {

        /** The {@code for:} an alert gets: its override if any, else its default, times the scale. */
        public PromDuration forOf(String alertName, PromDuration defaultFor) {
            PromDuration base = forOverrides.getOrDefault(alertName, defaultFor);
            return forOverrides.containsKey(alertName) ? base : base.scale(forScale);
        }
    }

    /** Basic auth (password as a file) for scraping exporters. */
    public record BasicAuth(String username, String passwordFile) {
    }

    /** TLS for scraping exporters. */
    public record Tls(String caFile, String certFile, String keyFile, boolean insecureSkipVerify) {
    }

    /** Where the exporters and the hub's Prometheus and Alertmanager listen. */
    public enum Listen {
        /** Each server's own {@code address} (the one Prometheus scrapes). */
        ADDRESS,
        /** Every interface (0.0.0.0): behind NAT, where the scraped address is not on the machine. */
        ALL
    }

    /**
     * Web security of the exporters and of the hub's Prometheus and Alertmanager, as their
     * {@code --web.config.file} enforces it, and where they listen.
     */
    public record Security(Optional<BasicAuth> basicAuth, Optional<Tls> tls, boolean insecure, Listen listen) {

        public Security(Optional<BasicAuth> basicAuth, Optional<Tls> tls) {
            this(basicAuth, tls, false, Listen.ADDRESS);
        }

        public String scheme() {
            return tls.isPresent() ? "https" : "http";
        }
    }

    /** A remote-write endpoint (Thanos Receive, Mimir, VictoriaMetrics, a Prometheus receiver). */
    public record RemoteWrite(String name, String url, Optional<BasicAuth> basicAuth, Optional<String> bearerTokenFile,
            Map<String, String> headers) {
    }

    /** An extra Alertmanager in the HA cluster. */
    public record AlertmanagerPeer(String address, int webPort, int clusterPort) {
    }

    /** Scale-out: Prometheus shards by hashmod, remote_write, Alertmanager peers. */
    /**
     * Sharding, remote write and Alertmanager peers; {@code queryUrl} is the long-term store's Prometheus-compatible
     * query URL, where Grafana's datasource points instead of the hub Prometheus (empty: the hub).
     */
    public record ScaleOut(int shards, List<RemoteWrite> remoteWrite, List<AlertmanagerPeer> alertmanagerPeers,
            String queryUrl) {

        public ScaleOut(int shards, List<RemoteWrite> remoteWrite, List<AlertmanagerPeer> alertmanagerPeers) {
            this(shards, remoteWrite, alertmanagerPeers, "");
        }

        public static ScaleOut none() {
            return new ScaleOut(1, List.of(), List.of());
        }
    }

    public Server server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + serverName));
    }

    public Server hubServer() {
        return server(hub.server());
    }

    /** Roles in the order servers first name them. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        for (Server s : servers) {
            if (!roles.contains(s.role())) {
                roles.add(s.role());
            }
        }
        return roles;
    }
}
