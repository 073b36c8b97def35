package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.ApiService;
import io.accelmon.provisioning.spec.ClusterSpec.BasicAuth;
import io.accelmon.provisioning.spec.ClusterSpec.Discovery;
import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.RemoteWrite;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus/prometheus.yml}: one scrape job per (exporter kind, server role) named {@code <kind>-<role>},
 * every target labelled with its unique {@code server_name} and the ops documents' {@code server} (role),
 * {@code hostname}, {@code location}, {@code ip}; and, with
 * {@code scale_out.shards > 1}, {@code prometheus/prometheus-shard-<i>.yml} splitting the targets by hashmod.
 */
public final class PrometheusConfig {

    public static final String PATH = "prometheus/prometheus.yml";
    /** The target label unique per server (its {@code name}); {@code server} is the role, shared by a group. */
    public static final String SERVER_NAME = "server_name";

    private PrometheusConfig() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PATH, Documents.yaml(header(spec, "the whole cluster"), config(spec, -1)));
        if (spec.discovery() == Discovery.FILE) {
            targets(spec).forEach((name, t) -> out.put("prometheus/" + targetsFile(name), Documents.yaml(
                    "Targets of job " + name + ", rendered by `accelmon render` from " + spec.source().getFileName()
                            + "; Prometheus re-reads this file on change, without a reload.", t.statics())));
        }
        int shards = spec.scaleOut().shards();
        if (shards > 1) {
            for (int i = 0; i < shards; i++) {
                out.put(shardPath(i), Documents.yaml(header(spec, "shard " + i + " of " + shards), config(spec, i)));
            }
        }
        return out;
    }

    /** Where job {@code job}'s targets go with file discovery, relative to prometheus.yml. */
    public static String targetsFile(String job) {
        return "targets/" + job + ".yml";
    }

    /** One exporter or API job's targets, metrics path and whether exporter auth/TLS applies. */
    private record JobTargets(List<Object> statics, String path, boolean secured) {
    }

    /** The exporter and API jobs, {@code <kind>-<role>}, in render order; the hub's own jobs are not among them. */
    private static Map<String, JobTargets> targets(ClusterSpec spec) {
        Map<String, JobTargets> out = new LinkedHashMap<>();
        for (ExporterKind kind : ExporterKind.values()) {
            for (String role : spec.roles()) {
                List<Object> statics = new ArrayList<>();
                String path = "/metrics";
                for (Server s : spec.servers()) {
                    if (s.role().equals(role) && s.exporter(kind).isPresent()) {
                        statics.add(staticConfig(s, s.address() + ":" + s.exporter(kind).get().port()));
                        path = s.exporter(kind).get().metricsPath();
                    }
                }
                if (!statics.isEmpty()) {
                    out.put(kind.key() + "-" + role, new JobTargets(statics, path, true));
                }
            }
        }
        List<String> serviceKinds = new ArrayList<>(List.of("api"));
        serviceKinds.addAll(ClusterSpec.SERVICE_KINDS);
        for (String kind : serviceKinds) {
            for (String role : spec.roles()) {
                List<Object> statics = new ArrayList<>();
                String path = null;
                for (ApiService api : spec.apiServices()) {
                    Server s = spec.server(api.server());
                    if (s.role().equals(role) && api.kind().equals(kind)) {
                        Map<String, Object> sc = staticConfig(s, s.address() + ":" + api.port());
                        @SuppressWarnings("unchecked")
                        Map<String, Object> labels = (Map<String, Object>) sc.get("labels");
                        labels.put("service", api.name());
                        if (path == null) {
                            path = api.metricsPath();
                        } else if (!path.equals(api.metricsPath())) {
                            labels.put("__metrics_path__", api.metricsPath()); // one job, services on other paths
                        }
                        statics.add(sc);
                    }
                }
                if (!statics.isEmpty()) {
                    out.put(kind + "-" + role, new JobTargets(statics, path, false));
                }
            }
        }
        return out;
    }

    public static String shardPath(int shard) {
        return "prometheus/prometheus-shard-" + shard + ".yml";
    }

    private static String header(ClusterSpec spec, String scope) {
        return "Rendered by `accelmon render` from " + spec.source().getFileName() + " (" + scope + "); do not edit.";
    }

    /** The config; {@code shard} < 0 means unsharded. */
    static Map<String, Object> config(ClusterSpec spec, int shard) {
        Map<String, Object> external = Documents.of("cluster", spec.name());
        if (shard >= 0) {
            external.put("shard", Integer.toString(shard));
        }
        Map<String, Object> global = Documents.of(
                "scrape_interval", spec.intervals().scrape().toString(),
                "evaluation_interval", spec.intervals().evaluation().toString(),
                "scrape_timeout", spec.intervals().scrapeTimeout().toString(),
                "external_labels", external);
        List<Object> jobs = new ArrayList<>();
        Server hub = spec.hubServer();
        // The hub's Prometheus and Alertmanager read the same credentials and TLS files as the exporters.
        jobs.add(job("prometheus-" + hub.role(), List.of(staticConfig(hub, hub.address() + ":" + spec.hub().prometheusPort())),
                null, spec, shard, true, false));
        jobs.add(job("alertmanager-" + hub.role(),
                List.of(staticConfig(hub, hub.address() + ":" + spec.hub().alertmanagerPort())), null, spec, shard, true, false));
        targets(spec).forEach((name, t) -> jobs.add(job(name, t.statics(), t.path(), spec, shard, t.secured(), true)));
        List<String> ams = new ArrayList<>();
        ams.add(hub.address() + ":" + spec.hub().alertmanagerPort());
        spec.scaleOut().alertmanagerPeers().forEach(p -> ams.add(p.address() + ":" + p.webPort()));
        Map<String, Object> alertmanagers = new LinkedHashMap<>();
        secure(alertmanagers, spec);
        alertmanagers.put("static_configs", List.of(Documents.of("targets", ams)));
        Map<String, Object> doc = Documents.of(
                "global", global,
                "rule_files", List.of("rules/*.yml"),
                "alerting", Documents.of("alertmanagers", List.of(alertmanagers)),
                "scrape_configs", jobs);
        if (!spec.scaleOut().remoteWrite().isEmpty()) {
            doc.put("remote_write", spec.scaleOut().remoteWrite().stream().map(PrometheusConfig::remoteWrite).toList());
        }
        return doc;
    }

    private static Map<String, Object> staticConfig(Server s, String target) {
        return Documents.of("targets", List.of(target), "labels", Documents.of(SERVER_NAME, s.name(),
                "server", s.role(), "hostname", s.hostname(), "location", s.location(), "ip", s.ip()));
    }

    private static Map<String, Object> job(String name, List<Object> statics, String path, ClusterSpec spec, int shard,
            boolean secured, boolean discovered) {
        Map<String, Object> job = Documents.of("job_name", name);
        if (path != null && !path.equals("/metrics")) {
            job.put("metrics_path", path);
        }
        if (secured) {
            secure(job, spec);
        }
        if (spec.discovery() == Discovery.FILE && discovered) {
            job.put("file_sd_configs", List.of(Documents.of("files", List.of(targetsFile(name)))));
        } else {
            job.put("static_configs", statics);
        }
        if (shard >= 0) {
            job.put("relabel_configs", List.of(
                    Documents.of("source_labels", List.of("__address__"), "modulus", spec.scaleOut().shards(),
                            "target_label", "__tmp_hash", "action", "hashmod"),
                    Documents.of("source_labels", List.of("__tmp_hash"), "regex", Integer.toString(shard), "action", "keep")));
        }
        return job;
    }

    /** https with {@code security.tls} and basic auth with {@code security.basic_auth}, for a job or an Alertmanager. */
    private static void secure(Map<String, Object> client, ClusterSpec spec) {
        spec.security().tls().ifPresent(tls -> {
            client.put("scheme", "https");
            Map<String, Object> t = Documents.of(
                    "ca_file", blankToNull(tls.caFile()),
                    "cert_file", blankToNull(tls.certFile()),
                    "key_file", blankToNull(tls.keyFile()));
            if (tls.insecureSkipVerify()) {
                t.put("insecure_skip_verify", true);
            }
            client.put("tls_config", t);
        });
        spec.security().basicAuth().ifPresent(a -> client.put("basic_auth", basicAuth(a)));
    }

    private static Map<String, Object> basicAuth(BasicAuth a) {
        return Documents.of("username", a.username(), "password_file", a.passwordFile());
    }

    private static Map<String, Object> remoteWrite(RemoteWrite rw) {
        Map<String, Object> m = Documents.of("name", rw.name(), "url", rw.url());
        rw.basicAuth().ifPresent(a -> m.put("basic_auth", basicAuth(a)));
        rw.bearerTokenFile().ifPresent(f -> m.put("authorization", Documents.of("credentials_file", f)));
        if (!rw.headers().isEmpty()) {
            m.put("headers", new java.util.TreeMap<>(rw.headers()));
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
