package io.accelmon.provisioning.spec;

import io.accelmon.provisioning.spec.ClusterSpec.AlertmanagerPeer;
import io.accelmon.provisioning.spec.ClusterSpec.Alerting;
import io.accelmon.provisioning.spec.ClusterSpec.Alerts;
import io.accelmon.provisioning.spec.ClusterSpec.ApiService;
import io.accelmon.provisioning.spec.ClusterSpec.BasicAuth;
import io.accelmon.provisioning.spec.ClusterSpec.Exporter;
import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.Hub;
import io.accelmon.provisioning.spec.ClusterSpec.Intervals;
import io.accelmon.provisioning.spec.ClusterSpec.Level;
import io.accelmon.provisioning.spec.ClusterSpec.Listen;
import io.accelmon.provisioning.spec.ClusterSpec.Receiver;
import io.accelmon.provisioning.spec.ClusterSpec.RemoteWrite;
import io.accelmon.provisioning.spec.ClusterSpec.ScaleOut;
import io.accelmon.provisioning.spec.ClusterSpec.Security;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import io.accelmon.provisioning.spec.ClusterSpec.Smtp;
import io.accelmon.provisioning.spec.ClusterSpec.Thresholds;
import io.accelmon.provisioning.spec.ClusterSpec.Tls;
import io.accelmon.core.input.BoundedText;
import io.accelmon.provisioning.spec.SpecNode.Problems;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code cluster.yaml} into a validated {@link ClusterSpec}. Reports every problem at once, each as
 * {@code FILE:LINE:COL: path: what}, by throwing {@link SpecException}.
 */
public final class ClusterSpecLoader {

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern URL = Pattern.compile("https?://[^\\s/@]+(/\\S*)?");

    /** Far above a fleet's spec; keeps a wrong file (a disk image, /dev/zero) from exhausting memory. */
    public static final long MAX_SPEC_BYTES = 4L << 20;
    /** How long a non-regular file (a FIFO, process substitution) may take to deliver the spec. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Headers Prometheus' remote_write refuses to take from the config (it sets them itself). */
    private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("authorization", "host",
            "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
            "x-prometheus-remote-write-version", "x-prometheus-remote-read-version",
            "x-prometheus-scrape-timeout-seconds", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");

    private ClusterSpecLoader() {
    }

    /** Loads and validates the spec at {@code file}. */
    public static ClusterSpec load(Path file) throws SpecException {
        String text;
        try {
            text = BoundedText.read(file, MAX_SPEC_BYTES, READ_TIMEOUT);
        } catch (BoundedText.Refused e) {
            throw new SpecException(List.of(file + ":1:1: (file): " + e.reason()));
        }
        return parse(file, text);
    }

    /** Validates spec text as if it were read from {@code file} (the name appears in messages). */
    public static ClusterSpec parse(Path file, String text) throws SpecException {
        Problems problems = new Problems(file.toString());
        Node root;
        try (Reader r = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by SpecNode with the key's position
            root = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.addAt(m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, YamlSyntax.WHAT,
                    YamlSyntax.explain(e.getProblem()));
            throw new SpecException(problems.list());
        } catch (YAMLException | IOException e) {
            problems.addAt(1, 1, "(yaml)", e.getMessage());
            throw new SpecException(problems.list());
        }
        if (root == null) {
            problems.addAt(1, 1, "", "the file is empty");
            throw new SpecException(problems.list());
        }
        ClusterSpec spec = new ClusterSpecLoader.Binder(file, problems).bind(new SpecNode(root, "", problems));
        if (!problems.isEmpty()) {
            throw new SpecException(problems.list());
        }
        return spec;
    }

    /** Binds one document; keeps the nodes it needs for cross-reference messages. */
    private static final class Binder {
        private final Path file;
        private final Problems problems;
        /** Every host:port the cluster listens on, to report clashes. */
        private final Map<String, String> listeners = new HashMap<>();
        /** The servers' own services[] entries, one per server of a range. */
        private final List<ApiService> serverServices = new ArrayList<>();

        Binder(Path file, Problems problems) {
            this.file = file;
            this.problems = problems;
        }

        ClusterSpec bind(SpecNode root) {
            SpecNode cluster = root.map("cluster");
            String name = cluster.string("name", "accelmon");
            checkName(cluster, "name", name, "it becomes the cluster external label");
            String defaultLocation = cluster.string("location", "default");
            String kitDir = cluster.string("kit_dir", "/etc/accelmon/kit");
            if (!kitDir.startsWith("/")) {
                problems.add(cluster.get("kit_dir"), cluster.child("kit_dir"), "must be an absolute path");
            }
            cluster.done();

            Intervals intervals = intervals(root.map("intervals"));
            List<Server> servers = servers(root, defaultLocation);
            Hub hub = hub(root.map("hub"), servers);
            List<ApiService> apis = new ArrayList<>(apiServices(root, servers));
            apis.addAll(serverServices);
            Alerting alerting = alerting(root.map("alerting"));
            Thresholds thresholds = thresholds(root.map("thresholds"));
            Alerts alerts = alerts(root.map("alerts"));
            Security security = security(root.map("security"));
            ScaleOut scaleOut = scaleOut(root.map("scale_out"));
            ClusterSpec.Discovery discovery = discovery(root.map("prometheus"));
            root.done();
            return new ClusterSpec(file, name, kitDir, intervals, hub, servers, apis, alerting, thresholds, alerts,
                    security, scaleOut, discovery);
        }

        private void checkName(SpecNode n, String key, String value, String usedAs) {
            if (!value.isEmpty() && !NAME.matcher(value).matches()) {
                problems.add(n.get(key), n.child(key),
                        "'" + value + "' must be lower-case letters, digits and '-' (" + usedAs + ")");
            }
        }

        private ClusterSpec.Discovery discovery(SpecNode n) {
            String d = n.string("discovery", "file");
            n.done();
            return switch (d) {
                case "file" -> ClusterSpec.Discovery.FILE;
                case "static" -> ClusterSpec.Discovery.STATIC;
                default -> {
                    problems.add(n.get("discovery"), n.child("discovery"), "'" + d + "' is not file or static");
                    yield ClusterSpec.Discovery.FILE;
                }
            };
        }

        private Intervals intervals(SpecNode n) {
            PromDuration scrape = n.duration("scrape", "15s");
            PromDuration eval = n.duration("evaluation", "15s");
            PromDuration timeout = n.duration("scrape_timeout", scrape.millis() < 10_000 ? scrape.toString() : "10s");
            if (scrape.millis() == 0) {
                problems.add(n.get("scrape"), n.child("scrape"), "must be greater than 0");
            }
            if (eval.millis() == 0) {
                problems.add(n.get("evaluation"), n.child("evaluation"), "must be greater than 0");
            }
            if (timeout.compareTo(scrape) > 0) {
                problems.add(n.get("scrape_timeout"), n.child("scrape_timeout"),
                        timeout + " is longer than the scrape interval " + scrape);
            }
            n.done();
            return new Intervals(scrape, eval, timeout);
        }

        private List<Server> servers(SpecNode root, String defaultLocation) {
            List<Server> out = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            Map<String, String> hostnames = new HashMap<>();
            List<Node> items = root.list("servers");
            if (items.isEmpty()) {
                problems.add(root.get("servers") != null ? root.get("servers") : root.node(), "servers",
                        "at least one server is required");
            }
            for (int i = 0; i < items.size(); i++) {
                SpecNode s = new SpecNode(items.get(i), "servers[" + i + "]", problems);
                String rawName = s.requiredString("name");
                List<String> expanded = expand(s, "name", rawName);
                int count = expanded.size();
                String role = s.string("role", count > 1 ? "" : rawName);
                if (count > 1 && role.isEmpty()) {
                    problems.add(s.node(), s.child("role"), "missing: a range of servers needs a role");
                }
                checkName(s, "role", role, "it becomes part of job names and the server label");
                List<String> hostnameList = s.has("hostname") ? sized(s, "hostname", count) : expanded;
                List<String> addressList = addresses(s, count);
                List<String> ipList = s.has("ip") ? sized(s, "ip", count) : addressList;
                SpecNode overrides = s.map("overrides");
                for (String key : overrides.keys()) {
                    if (!expanded.contains(key)) {
                        problems.add(overrides.keyNode(key), overrides.child(key),
                                "no server named '" + key + "' in this entry's range");
                    }
                }
                overrides.acceptAll();
                List<ServiceEntry> services = services(s);
                Set<ServiceEntry> clashed = new HashSet<>();
                for (int k = 0; k < count; k++) {
                    String name = expanded.get(k);
                    SpecNode o = overrides.has(name) ? overrides.map(name) : null;
                    Server server = server(s, o, count > 1, name, role,
                            s.has("hostname") || (o != null && o.has("hostname")),
                            pick(o, "hostname", hostnameList.get(k)), pick(o, "address", addressList.get(k)),
                            pick(o, "ip", o != null && o.has("address") && !s.has("ip") && !o.has("ip")
                                    ? o.string("address", "") : ipList.get(k)),
                            defaultLocation, names, hostnames);
                    out.add(server);
                    for (ServiceEntry e : services) {
                        if (!clashed.contains(e) && listeners.containsKey(server.address() + ":" + e.port())) {
                            clashed.add(e); // one report per entry, not one per server of the range
                            claim(e.node(), "port", server.address(), e.port(), "");
                        } else if (!clashed.contains(e)) {
                            claim(e.node(), "port", server.address(), e.port(), server.name() + " service " + e.name());
                        }
                        serverServices.add(new ApiService(e.name(), server.name(), e.port(), e.path(), e.kind()));
                    }
                }
                s.done();
            }
            return out;
        }

        /** A {@code services[]} item of a server entry, checked once for every server the entry stands for. */
        private record ServiceEntry(SpecNode node, String kind, String name, int port, String path) {
        }

        /** {@code services: [{kind: ray|nginx|vllm|custom, port, path [/metrics], name [kind]}]}. */
        private List<ServiceEntry> services(SpecNode server) {
            List<ServiceEntry> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            List<Node> items = server.list("services");
            for (int j = 0; j < items.size(); j++) {
                SpecNode n = new SpecNode(items.get(j), server.path() + ".services[" + j + "]", problems);
                String kind = n.requiredString("kind");
                if (!kind.isEmpty() && !ClusterSpec.SERVICE_KINDS.contains(kind)) {
                    problems.add(n.get("kind"), n.child("kind"), "'" + kind + "' is not one of "
                            + String.join(", ", ClusterSpec.SERVICE_KINDS));
                }
                int defaultPort = switch (kind) {
                    case "ray" -> 8080;
                    case "nginx" -> 9113;
                    case "vllm" -> 8000;
                    default -> 0;
                };
                int port = kind.equals("custom") ? n.requiredPort("port") : n.port("port", defaultPort);
                String path = n.string("path", "/metrics");
                checkPath(n, "path", path);
                String name = n.string("name", kind);
                checkName(n, "name", name, "it becomes the service label");
                if (!name.isEmpty() && !names.add(name)) {
                    problems.add(n.get("name") != null ? n.get("name") : n.node(), n.child("name"),
                            "duplicate service name '" + name + "' on this server; give each a name");
                }
                n.done();
                out.add(new ServiceEntry(n, kind, name, port, path));
            }
            return out;
        }

        /** When a role was written where one server is meant: which servers have it. */
        private static String roleHint(List<Server> servers, String role) {
            List<String> named = servers.stream().filter(x -> x.role().equals(role)).map(Server::name).toList();
            if (named.isEmpty()) {
                return "";
            }
            return "; '" + role + "' is the role of " + named.size() + " server(s) (" + String.join(", ",
                    named.subList(0, Math.min(3, named.size()))) + (named.size() > 3 ? ", …" : "")
                    + "): name one of them, or give each server the service under its own services[]";
        }

        /** An override's value for {@code key}, else the entry's. */
        private static String pick(SpecNode override, String key, String entryValue) {
            return override != null && override.has(key) ? override.string(key, entryValue) : entryValue;
        }

        private List<String> expand(SpecNode n, String key, String value) {
            try {
                return ServerRange.expand(value);
            } catch (IllegalArgumentException e) {
                problems.add(n.get(key), n.child(key), e.getMessage());
                return List.of(value);
            }
        }

        /** A value that is either a plain one (for a single server) or a range of exactly {@code count} values. */
        private List<String> sized(SpecNode n, String key, int count) {
            String value = n.string(key, "");
            List<String> values = expand(n, key, value);
            if (values.size() == count) {
                return values;
            }
            problems.add(n.get(key), n.child(key), "'" + value + "' stands for " + values.size()
                    + " value(s) but the entry's name for " + count + " server(s); use a range of the same length");
            List<String> padded = new ArrayList<>(values);
            while (padded.size() < count) {
                padded.add(values.get(0));
            }
            return padded;
        }

        /** {@code address} (a plain address, or a range as long as the name's) or {@code addresses} (a list). */
        private List<String> addresses(SpecNode s, int count) {
            if (s.has("addresses")) {
                if (s.has("address")) {
                    problems.add(s.get("address"), s.child("address"), "give either address or addresses");
                }
                List<String> list = s.strings("addresses");
                if (list.size() != count) {
                    problems.add(s.get("addresses"), s.child("addresses"),
                            list.size() + " addresses for " + count + " server(s)");
                }
                List<String> padded = new ArrayList<>(list.subList(0, Math.min(count, list.size())));
                while (padded.size() < count) {
                    padded.add("");
                }
                return padded;
            }
            String address = s.requiredString("address");
            return address.isEmpty() ? java.util.Collections.nCopies(count, "") : sized(s, "address", count);
        }

        /** One server of an entry; {@code o} is its entry in the range's {@code overrides}, if any. */
        private Server server(SpecNode s, SpecNode o, boolean inRange, String name, String role, boolean hostnameGiven,
                String hostname, String address, String ip, String defaultLocation, Map<String, String> names,
                Map<String, String> hostnames) {
            checkName(s, "name", name, "it becomes the server_name label");
            boolean duplicateName = !name.isEmpty() && names.putIfAbsent(name, s.path()) != null;
            if (duplicateName) {
                problems.add(s.get("name"), s.child("name"),
                        "duplicate server name '" + name + "' (also " + names.get(name) + ")");
            }
            SpecNode at = o != null && o.has("hostname") ? o : s;
            boolean unreadable = at.get("hostname") instanceof org.yaml.snakeyaml.nodes.ScalarNode v
                    && SpecNode.controlCharacter(v.getValue()) != null; // already reported as such
            if (unreadable) {
                // one problem per value
            } else if (!HOSTNAME.matcher(hostname).matches()) {
                problems.add(at.get("hostname"), at.child("hostname"), "'" + hostname + "' is not a host name");
            } else if (hostnames.putIfAbsent(hostname.toLowerCase(java.util.Locale.ROOT), s.path()) != null
                    && !(duplicateName && !hostnameGiven)) {
                problems.add(at.get("hostname") != null ? at.get("hostname") : s.get("name"), at.child("hostname"),
                        "duplicate hostname '" + hostname + "' (also "
                                + hostnames.get(hostname.toLowerCase(java.util.Locale.ROOT)) + ")");
            }
            SpecNode addressAt = o != null && o.has("address") ? o : s;
            if (!address.isEmpty()) {
                checkAddressValue(addressAt.has("address") ? addressAt.get("address") : s.get("addresses"),
                        addressAt.child(addressAt.has("address") ? "address" : "addresses"), address);
            }
            SpecNode ipAt = o != null && o.has("ip") ? o : s;
            if (ipAt.has("ip")) {
                checkAddressValue(ipAt.get("ip"), ipAt.child("ip"), ip);
            }
            String location = pick(o, "location", s.string("location", defaultLocation));
            Map<ExporterKind, Exporter> exporters = new EnumMap<>(ExporterKind.class);
            SpecNode ex = o != null && o.has("exporters") ? o.map("exporters") : s.map("exporters");
            for (String key : new ArrayList<>(ex.keys())) {
                Optional<ExporterKind> kind = ExporterKind.of(key);
                if (kind.isEmpty()) {
                    continue; // reported as unknown by done()
                }
                SpecNode e = ex.map(key);
                int port = e.port("port", defaultPort(kind.get()));
                String path = e.string("path", "/metrics");
                checkPath(e, "path", path);
                e.done();
                exporters.put(kind.get(), new Exporter(kind.get(), port, path));
                claim(e, "port", address, port, s.path() + (inRange ? " (" + name + ")" : "") + ".exporters." + key);
            }
            ex.done();
            if (exporters.isEmpty()) {
                problems.add(s.node(), s.child("exporters"), "a server needs at least one exporter (node, gpu, npu)");
            }
            if (o != null) {
                o.done();
            }
            return new Server(name, role, hostname, address, ip, location, Map.copyOf(exporters));
        }

        private static int defaultPort(ExporterKind kind) {
            return switch (kind) {
                case NODE -> 9100;
                case GPU -> 9835;
                case NPU -> 8082;
            };
        }

        private void checkAddress(SpecNode n, String key, String address) {
            checkAddressValue(n.get(key), n.child(key), address);
        }

        private void checkAddressValue(Node at, String path, String address) {
            String problem = addressProblem(address);
            if (problem != null) {
                problems.add(at, path, problem);
            }
        }

        private void checkPath(SpecNode n, String key, String path) {
            if (!path.startsWith("/") || path.contains(" ")) {
                problems.add(n.get(key), n.child(key), "'" + path + "' must be an absolute URL path like /metrics");
            }
        }

        private void claim(SpecNode n, String key, String address, int port, String owner) {
            if (address.isEmpty() || port == 0) {
                return;
            }
            String hostPort = address + ":" + port;
            String previous = listeners.putIfAbsent(hostPort, owner);
            if (previous != null) {
                problems.add(n.get(key) != null ? n.get(key) : n.node(), n.child(key),
                        "port " + port + " on " + address + " is already used by " + previous);
            }
        }

        private Hub hub(SpecNode n, List<Server> servers) {
            String server = n.string("server", servers.isEmpty() ? "" : servers.get(0).name());
            Server hubServer = servers.stream().filter(s -> s.name().equals(server)).findFirst().orElse(null);
            if (hubServer == null && !servers.isEmpty()) {
                problems.add(n.get("server") != null ? n.get("server") : n.node(), n.child("server"),
                        "no server named '" + server + "' in servers" + roleHint(servers, server));
            }
            int prom = n.port("prometheus_port", 9090);
            int am = n.port("alertmanager_port", 9093);
            int amCluster = n.port("alertmanager_cluster_port", 9094);
            int grafana = n.port("grafana_port", 3000);
            if (hubServer != null) {
                claim(n, "prometheus_port", hubServer.address(), prom, "hub.prometheus_port");
                claim(n, "alertmanager_port", hubServer.address(), am, "hub.alertmanager_port");
                claim(n, "alertmanager_cluster_port", hubServer.address(), amCluster, "hub.alertmanager_cluster_port");
                claim(n, "grafana_port", hubServer.address(), grafana, "hub.grafana_port");
            }
            n.done();
            return new Hub(server, prom, am, amCluster, grafana);
        }

        private List<ApiService> apiServices(SpecNode root, List<Server> servers) {
            List<ApiService> out = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            List<Node> items = root.list("api_services");
            for (int i = 0; i < items.size(); i++) {
                SpecNode a = new SpecNode(items.get(i), "api_services[" + i + "]", problems);
                String name = a.requiredString("name");
                checkName(a, "name", name, "it becomes the service label");
                if (!name.isEmpty() && names.putIfAbsent(name, a.path()) != null) {
                    problems.add(a.get("name"), a.child("name"), "duplicate API service name '" + name + "'");
                }
                String server = a.requiredString("server");
                Server host = servers.stream().filter(s -> s.name().equals(server)).findFirst().orElse(null);
                if (host == null && !server.isEmpty()) {
                    problems.add(a.get("server"), a.child("server"), "no server named '" + server + "' in servers"
                            + roleHint(servers, server));
                }
                int port = a.requiredPort("port");
                String path = a.string("path", "/metrics");
                checkPath(a, "path", path);
                if (host != null) {
                    claim(a, "port", host.address(), port, a.path());
                }
                a.done();
                out.add(new ApiService(name, server, port, path));
            }
            return out;
        }

        private Alerting alerting(SpecNode n) {
            SpecNode smtpNode = n.map("smtp");
            Optional<Smtp> smtp = Optional.empty();
            if (smtpNode.node() != null && !SpecNode.isNull(smtpNode.node())) {
                String smarthost = smtpNode.requiredString("smarthost");
                if (!smarthost.isEmpty() && !smarthost.matches("[^\\s:]+:\\d{1,5}")) {
                    problems.add(smtpNode.get("smarthost"), smtpNode.child("smarthost"),
                            "'" + smarthost + "' must be host:port");
                }
                String from = smtpNode.requiredString("from");
                if (!from.isEmpty() && !EMAIL.matcher(from).matches()) {
                    problems.add(smtpNode.get("from"), smtpNode.child("from"), "'" + from + "' is not an email address");
                }
                String user = smtpNode.string("auth_username", "");
                String pwFile = smtpNode.string("auth_password_file", "");
                if (!user.isEmpty() && pwFile.isEmpty()) {
                    problems.add(smtpNode.node(), smtpNode.child("auth_password_file"),
                            "missing: auth_username needs auth_password_file (secrets are only referenced by file)");
                }
                boolean tls = smtpNode.bool("require_tls", true);
                smtpNode.done();
                smtp = Optional.of(new Smtp(smarthost, from, user, pwFile, tls));
            }
            List<Receiver> receivers = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            List<Node> items = n.list("receivers");
            for (int i = 0; i < items.size(); i++) {
                SpecNode r = new SpecNode(items.get(i), n.child("receivers") + "[" + i + "]", problems);
                String name = r.requiredString("name");
                if (!name.isEmpty() && names.putIfAbsent(name, r.path()) != null) {
                    problems.add(r.get("name"), r.child("name"), "duplicate receiver name '" + name + "'");
                }
                String type = r.requiredString("type");
                List<String> to = List.of();
                String url = "";
                String token = "";
                if (type.equals("email")) {
                    to = r.strings("to");
                    if (to.isEmpty()) {
                        problems.add(r.node(), r.child("to"), "an email receiver needs at least one address");
                    }
                    for (int k = 0; k < to.size(); k++) {
                        if (!EMAIL.matcher(to.get(k)).matches()) {
                            problems.add(item(r.get("to"), k), r.child("to") + "[" + k + "]",
                                    "'" + to.get(k) + "' is not an email address");
                        }
                    }
                    if (smtp.isEmpty()) {
                        problems.add(r.get("type"), r.child("type"), "email receivers need alerting.smtp");
                    }
                } else if (type.equals("webhook")) {
                    url = r.requiredString("url");
                    checkUrl(r, "url", url);
                    token = r.string("bearer_token_file", "");
                } else if (!type.isEmpty()) {
                    problems.add(r.get("type"), r.child("type"), "'" + type + "' is not a receiver type (email, webhook)");
                }
                boolean resolved = r.bool("send_resolved", true);
                r.done();
                receivers.add(new Receiver(name, type, to, url, token, resolved));
            }
            SpecNode routes = n.map("routes");
            List<String> critical = receiverRefs(routes, "critical", names);
            List<String> warning = receiverRefs(routes, "warning", names);
            routes.done();
            String dflt = n.string("default_receiver", warning.isEmpty()
                    ? (receivers.isEmpty() ? "" : receivers.get(0).name()) : warning.get(0));
            if (n.has("default_receiver") && !names.containsKey(dflt)) {
                problems.add(n.get("default_receiver"), n.child("default_receiver"),
                        "no receiver named '" + dflt + "' in alerting.receivers");
            }
            List<String> groupBy = n.has("group_by") ? n.strings("group_by") : List.of("alertname", "instance", "severity");
            for (int i = 0; i < groupBy.size(); i++) {
                if (!LABEL.matcher(groupBy.get(i)).matches() && !groupBy.get(i).equals("...")) {
                    problems.add(item(n.get("group_by"), i), n.child("group_by") + "[" + i + "]",
                            "'" + groupBy.get(i) + "' is not a label name");
                }
            }
            PromDuration wait = n.duration("group_wait", "30s");
            PromDuration interval = n.duration("group_interval", "5m");
            PromDuration repeat = n.duration("repeat_interval", "1h");
            positive(n, "group_interval", interval); // Alertmanager refuses zero for both
            positive(n, "repeat_interval", repeat);
            PromDuration resolve = n.duration("resolve_timeout", "5m");
            n.done();
            return new Alerting(smtp, List.copyOf(receivers), dflt, critical, warning, groupBy, wait, interval, repeat,
                    resolve);
        }

        private void positive(SpecNode n, String key, PromDuration d) {
            if (d.millis() <= 0) {
                problems.add(n.get(key), n.child(key), "must be greater than 0 (Alertmanager refuses " + d + ")");
            }
        }

        private List<String> receiverRefs(SpecNode routes, String severity, Map<String, String> names) {
            List<String> refs = routes.strings(severity);
            for (int i = 0; i < refs.size(); i++) {
                if (!names.containsKey(refs.get(i))) {
                    problems.add(item(routes.get(severity), i), routes.child(severity) + "[" + i + "]",
                            "no receiver named '" + refs.get(i) + "' in alerting.receivers");
                }
            }
            return refs;
        }

        private void checkUrl(SpecNode n, String key, String url) {
            if (url.isEmpty()) {
                return;
            }
            if (url.matches("https?://[^/\\s]*@.*")) {
                problems.add(n.get(key), n.child(key),
                        "credentials in a URL end up in rendered files; use basic_auth.password_file or bearer_token_file");
            } else if (!URL.matcher(url).matches() || !parsesWithHost(url)) {
                problems.add(n.get(key), n.child(key), "'" + url + "' is not an http(s) URL");
            }
        }

        /** Alertmanager and Prometheus parse URLs strictly (an unclosed IPv6 bracket, a bad escape). */
        private static boolean parsesWithHost(String url) {
            try {
                return new java.net.URI(url).getHost() != null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        private Thresholds thresholds(SpecNode n) {
            Level temp = level(n, "gpu_temperature_celsius", 80, 90.0, 0, 150);
            Level gpuMem = level(n, "gpu_memory_used_percent", 95, null, 0, 100);
            Level nodeMem = level(n, "node_memory_used_percent", 90, 97.0, 0, 100);
            Level load = level(n, "node_load5_per_core", 1.5, null, 0, 1000);
            Level p95 = level(n, "api_latency_p95_seconds", 2, 5.0, 0, 3600);
            Level err = level(n, "api_error_ratio", 0.05, null, 0, 1);
            Level ttft = level(n, "vllm_ttft_p95_seconds", 2, 10.0, 0, 3600);
            PromDuration lost = n.duration("job_lost_after", "5m");
            if (lost.millis() < 1000) {
                problems.add(n.get("job_lost_after"), n.child("job_lost_after"), "must be at least 1s");
            }
            n.done();
            return new Thresholds(temp, gpuMem, nodeMem, load, p95, err, lost, ttft);
        }

        /** A level is either a number (warning only) or {warning, critical}. */
        private Level level(SpecNode parent, String key, double dflt, Double dfltCritical, double min, double max) {
            Node node = parent.get(key);
            if (node == null) {
                return new Level(dflt, Optional.ofNullable(dfltCritical));
            }
            String path = parent.child(key);
            double warning;
            Optional<Double> critical;
            if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                warning = parent.number(key).orElse(dflt);
                critical = Optional.empty();
                checkRange(node, path, warning, min, max);
            } else {
                SpecNode m = new SpecNode(node, path, problems);
                warning = m.number("warning").orElse(dflt);
                checkRange(m.get("warning") != null ? m.get("warning") : node, m.child("warning"), warning, min, max);
                critical = m.number("critical");
                if (critical.isPresent()) {
                    checkRange(m.get("critical"), m.child("critical"), critical.get(), min, max);
                    if (critical.get() <= warning) {
                        problems.add(m.get("critical"), m.child("critical"),
                                "critical " + fmt(critical.get()) + " must be above warning " + fmt(warning));
                    }
                }
                m.done();
            }
            return new Level(warning, critical);
        }

        private void checkRange(Node at, String path, double v, double min, double max) {
            if (!(v > min && v <= max)) {
                problems.add(at, path, fmt(v) + " is out of range (must be > " + fmt(min) + " and <= " + fmt(max) + ")");
            }
        }

        private Alerts alerts(SpecNode n) {
            Map<String, PromDuration> overrides = new TreeMap<>();
            SpecNode o = n.map("for_overrides");
            for (String key : new ArrayList<>(o.keys())) {
                Node v = o.get(key);
                if (!AlertCatalog.names().contains(key)) {
                    problems.add(o.keyNode(key), o.child(key),
                            "no alert named '" + key + "' (known: " + String.join(", ", AlertCatalog.names()) + ")");
                    continue;
                }
                if (v == null) {
                    problems.add(o.keyNode(key), o.child(key), "expected a duration like 10s");
                    continue;
                }
                o.durationOf(v, o.child(key)).ifPresent(d -> overrides.put(key, d));
            }
            o.done();
            double scale = n.number("for_scale").orElse(1.0);
            if (!(scale > 0 && scale <= 100)) {
                problems.add(n.get("for_scale"), n.child("for_scale"), fmt(scale) + " is out of range (0, 100]");
                scale = 1.0;
            }
            String runbook = n.string("runbook_base_url",
                    "https://github.com/accelmon/accelmon/blob/main/docs/runbooks.md");
            checkUrl(n, "runbook_base_url", runbook);
            n.done();
            return new Alerts(Map.copyOf(overrides), scale, runbook);
        }

        private Security security(SpecNode n) {
            Optional<BasicAuth> auth = basicAuth(n.map("basic_auth"));
            SpecNode t = n.map("tls");
            Optional<Tls> tls = Optional.empty();
            if (t.node() != null && !SpecNode.isNull(t.node())) {
                String ca = t.string("ca_file", "");
                String cert = t.string("cert_file", "");
                String key = t.string("key_file", "");
                if (cert.isEmpty() != key.isEmpty()) {
                    problems.add(t.node(), t.path(), "cert_file and key_file go together (client certificate)");
                }
                boolean skip = t.bool("insecure_skip_verify", false);
                t.done();
                tls = Optional.of(new Tls(ca, cert, key, skip));
            }
            boolean insecure = n.bool("insecure", false); // acknowledges the warnings of SecurityWarnings
            String listen = n.string("listen", "address");
            if (!listen.equals("address") && !listen.equals("all")) {
                problems.add(n.get("listen"), n.child("listen"), "'" + listen + "' is neither address (each server"
                        + " listens on its own address) nor all (every interface)");
            }
            n.done();
            return new Security(auth, tls, insecure, listen.equals("all") ? Listen.ALL : Listen.ADDRESS);
        }

        private Optional<BasicAuth> basicAuth(SpecNode a) {
            if (a.node() == null || SpecNode.isNull(a.node())) {
                return Optional.empty();
            }
            String user = a.requiredString("username");
            String file = a.requiredString("password_file");
            if (a.keys().contains("password")) {
                a.get("password");
                problems.add(a.keyNode("password"), a.child("password"),
                        "passwords never go into the spec; use password_file");
            }
            a.done();
            return Optional.of(new BasicAuth(user, file));
        }

        private ScaleOut scaleOut(SpecNode n) {
            if (n.node() == null || SpecNode.isNull(n.node())) {
                n.done();
                return ScaleOut.none();
            }
            int shards = n.integer("shards", 1, 1, 64);
            List<RemoteWrite> rws = new ArrayList<>();
            Map<String, String> rwNames = new HashMap<>();
            List<Node> items = n.list("remote_write");
            for (int i = 0; i < items.size(); i++) {
                SpecNode r = new SpecNode(items.get(i), n.child("remote_write") + "[" + i + "]", problems);
                String name = r.string("name", "remote-" + i);
                if (rwNames.putIfAbsent(name, r.path()) != null) {
                    problems.add(r.get("name") != null ? r.get("name") : r.node(), r.child("name"),
                            "duplicate remote_write name '" + name + "' (also " + rwNames.get(name)
                                    + "); Prometheus needs unique names");
                }
                String url = r.requiredString("url");
                checkUrl(r, "url", url);
                Optional<BasicAuth> auth = basicAuth(r.map("basic_auth"));
                Optional<String> token = r.string("bearer_token_file");
                Map<String, String> headers = new LinkedHashMap<>();
                SpecNode h = r.map("headers");
                for (String key : new ArrayList<>(h.keys())) {
                    if (!HEADER_NAME.matcher(key).matches()) {
                        problems.add(h.keyNode(key), h.child(key), "'" + key + "' is not an HTTP header name");
                    } else if (RESERVED_HEADERS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                        problems.add(h.keyNode(key), h.child(key), "header '" + key + "' is set by Prometheus itself"
                                + " and refused there; use basic_auth or bearer_token_file for credentials");
                    }
                    h.string(key).ifPresent(v -> headers.put(key, v));
                }
                h.acceptAll();
                h.done();
                if (auth.isPresent() && token.isPresent()) {
                    problems.add(r.node(), r.path(), "basic_auth and bearer_token_file are exclusive");
                }
                r.done();
                rws.add(new RemoteWrite(name, url, auth, token, Map.copyOf(headers)));
            }
            List<AlertmanagerPeer> peers = new ArrayList<>();
            items = n.list("alertmanager_peers");
            for (int i = 0; i < items.size(); i++) {
                SpecNode p = new SpecNode(items.get(i), n.child("alertmanager_peers") + "[" + i + "]", problems);
                String address = p.requiredString("address");
                if (!address.isEmpty()) {
                    checkAddress(p, "address", address);
                }
                int web = p.port("web_port", 9093);
                int cluster = p.port("cluster_port", 9094);
                p.done();
                peers.add(new AlertmanagerPeer(address, web, cluster));
            }
            String queryUrl = n.string("query_url", "");
            if (!queryUrl.isEmpty()) {
                checkUrl(n, "query_url", queryUrl);
            }
            n.done();
            return new ScaleOut(shards, List.copyOf(rws), List.copyOf(peers), queryUrl);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** The i-th item of a sequence node (for positions), else the node itself. */
    static Node item(Node n, int i) {
        return n instanceof org.yaml.snakeyaml.nodes.SequenceNode s && i < s.getValue().size() ? s.getValue().get(i) : n;
    }

    /** Why {@code address} is not an IPv4 address or DNS name, or null when it is one. */
    static String addressProblem(String address) {
        if (DIGITS_AND_DOTS.matcher(address).matches()) {
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return "'" + address + "' is not an IPv4 address (needs four numbers)";
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return "'" + address + "' is not an IPv4 address (each part 0..255)";
                }
            }
            return null;
        }
        if (address.contains(":")) {
            return "'" + address + "' must be a host without a port (ports go under exporters)";
        }
        if (!DNS.matcher(address).matches()) {
            return "'" + address + "' is neither an IPv4 address nor a DNS name";
        }
        return null;
    }
}
