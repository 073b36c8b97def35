package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import io.accelmon.provisioning.spec.PromDuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ansible/inventory.yml} and {@code ansible/group_vars/}: the groups and variables docs/contracts.md fixes
 * for the rollout roles.
 */
public final class AnsibleInventory {

    public static final String INVENTORY = "ansible/inventory.yml";
    public static final String ALL = "ansible/group_vars/all.yml";
    public static final String HUB = "ansible/group_vars/accelmon_hub.yml";
    /** Alertmanager's {@code --cluster.peer-timeout} default. */
    private static final PromDuration DEFAULT_PEER_TIMEOUT = PromDuration.ofSeconds(15);

    private AnsibleInventory() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        Map<String, Object> hub = new LinkedHashMap<>();
        Map<String, Object> node = new LinkedHashMap<>();
        Map<String, Object> gpu = new LinkedHashMap<>();
        Map<String, Object> npu = new LinkedHashMap<>();
        for (Server s : spec.servers()) {
            Map<String, Object> vars = Documents.of(
                    "ansible_host", s.address(),
                    "accelmon_server", s.role(),
                    "accelmon_hostname", s.hostname(),
                    "accelmon_location", s.location(),
                    "accelmon_ip", s.ip());
            for (ExporterKind k : ExporterKind.values()) {
                s.exporter(k).ifPresent(e -> vars.put("accelmon_" + k.key() + "_listen_address",
                        ListenAddress.of(spec, s, e.port())));
            }
            List<String> apis = new ArrayList<>();
            spec.apiServices().stream().filter(a -> a.server().equals(s.name()))
                    .forEach(a -> apis.add(a.name() + "@" + a.port()));
            if (!apis.isEmpty()) {
                vars.put("accelmon_api_services", apis);
            }
            hosts.put(s.name(), vars);
            if (s.name().equals(spec.hub().server())) {
                hub.put(s.name(), null);
            }
            s.exporter(ExporterKind.NODE).ifPresent(e -> node.put(s.name(), null));
            s.exporter(ExporterKind.GPU).ifPresent(e -> gpu.put(s.name(), null));
            s.exporter(ExporterKind.NPU).ifPresent(e -> npu.put(s.name(), null));
        }
        Map<String, Object> children = Documents.of(
                "accelmon_hub", Documents.of("hosts", hub),
                "accelmon_node", Documents.of("hosts", node),
                "accelmon_gpu", Documents.of("hosts", gpu),
                "accelmon_npu", Documents.of("hosts", npu));
        Map<String, String> out = new LinkedHashMap<>();
        out.put(INVENTORY, Documents.yaml("Rendered by `accelmon render` from " + spec.source().getFileName()
                + "; do not edit.", Documents.of("all", Documents.of("hosts", hosts, "children", children))));

        var sec = spec.security();
        Server hubServer = spec.hubServer();
        Map<String, Object> all = Documents.of(
                "accelmon_cluster_name", spec.name(),
                "accelmon_hub_address", hubServer.address(),
                "accelmon_kit_dir", spec.kitDir(),
                "accelmon_web_auth_enabled", sec.basicAuth().isPresent(),
                "accelmon_web_auth_username", sec.basicAuth().map(a -> a.username()).orElse(""),
                "accelmon_web_auth_password_file", sec.basicAuth().map(a -> a.passwordFile()).orElse(""),
                "accelmon_tls_enabled", sec.tls().isPresent(),
                "accelmon_tls_cert_file", sec.tls().map(t -> t.certFile()).orElse(""),
                "accelmon_tls_key_file", sec.tls().map(t -> t.keyFile()).orElse(""),
                "accelmon_tls_ca_file", sec.tls().map(t -> t.caFile()).orElse(""),
                "accelmon_scrape_interval", spec.intervals().scrape().toString());
        // Exporters must answer before Prometheus cuts the scrape; see CollectorTimeout.
        List<String> exporterArgs = List.of(CollectorTimeout.flag(spec.intervals().scrapeTimeout()));
        for (ExporterKind k : ExporterKind.values()) {
            all.put("accelmon_" + k.key() + "_extra_args", exporterArgs);
        }
        out.put(ALL, Documents.yaml("Rendered by `accelmon render`; do not edit.", all));
        List<String> peers = new ArrayList<>();
        spec.scaleOut().alertmanagerPeers().forEach(p -> peers.add(p.address() + ":" + p.clusterPort()));
        String hubListen = ListenAddress.host(spec, hubServer);
        Map<String, Object> hubVars = Documents.of(
                "accelmon_prometheus_listen_address", hubListen + ":" + spec.hub().prometheusPort(),
                "accelmon_alertmanager_listen_address", hubListen + ":" + spec.hub().alertmanagerPort(),
                "accelmon_alertmanager_cluster_listen_address", hubListen + ":" + spec.hub().alertmanagerClusterPort(),
                "accelmon_alertmanager_cluster_peers", peers,
                "accelmon_alertmanager_extra_args", alertmanagerArgs(spec, hubListen, peers),
                "accelmon_grafana_listen_port", spec.hub().grafanaPort(),
                "accelmon_grafana_prometheus_password_file", GrafanaProvisioning.PASSWORD_FILE,
                "accelmon_grafana_dashboards_dir", GrafanaProvisioning.dashboardsDir(spec),
                "accelmon_prometheus_shards", spec.scaleOut().shards());
        out.put(HUB, Documents.yaml("Rendered by `accelmon render`; do not edit.", hubVars));
        return out;
    }

    /**
     * The hub Alertmanager's clustering flags for the role's {@code accelmon_alertmanager_extra_args}: without peers
     * gossip is off ({@code --cluster.listen-address=}, the role's default); with peers it listens on the cluster port,
     * joins every peer ({@code --cluster.peer}) and, when listening on all interfaces, advertises the hub's IP (an
     * Alertmanager with only public addresses refuses to guess one). A group_interval under twice Alertmanager's
     * default peer wait (15 s) gets a peer wait of half the interval: a member checks the log this long after each
     * flush, and a check that falls after another member already sent the next flush (a resolution) sends the stale
     * firing state again.
     */
    static List<String> alertmanagerArgs(ClusterSpec spec, String hubListen, List<String> peers) {
        List<String> args = new ArrayList<>();
        if (peers.isEmpty()) {
            args.add("--cluster.listen-address=");
            return args;
        }
        int clusterPort = spec.hub().alertmanagerClusterPort();
        args.add("--cluster.listen-address=" + hubListen + ":" + clusterPort);
        String ip = spec.hubServer().ip();
        if (hubListen.equals("0.0.0.0") && ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            args.add("--cluster.advertise-address=" + ip + ":" + clusterPort);
        }
        peers.forEach(p -> args.add("--cluster.peer=" + p));
        PromDuration groupInterval = spec.alerting().groupInterval();
        if (groupInterval.compareTo(DEFAULT_PEER_TIMEOUT.scale(2)) < 0) {
            args.add("--cluster.peer-timeout=" + groupInterval.scale(0.5));
        }
        return args;
    }
}
