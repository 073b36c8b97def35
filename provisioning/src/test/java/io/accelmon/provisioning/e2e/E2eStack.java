package io.accelmon.provisioning.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.provisioning.render.AnsibleInventory;
import io.accelmon.provisioning.render.CollectorTimeout;
import io.accelmon.provisioning.check.PrometheusApi;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.PromDuration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * local-cluster.yaml rendered and run for real on loopback: a node-collector per server (training's with
 * {@code --collector.users}), gpu-exporters on the fake NVML (training at 85 °C, a "lab" box at 95 °C), the demo API,
 * prometheus, two clustered alertmanagers, GreenMail and a webhook receiver. Closing kills every process.
 *
 * <p>The exporters get a {@code --collector.timeout} below the scrape timeout ({@link CollectorTimeout}): with the
 * exporters' 5s default under a 2s scrape timeout, a slow read made Prometheus cut the scrape, every series of the
 * target went stale at once and GPUHighTemperature resolved and fired again.
 */
public final class E2eStack implements AutoCloseable {

    /**
     * The routes' group_interval. Under 30 s, so the kit renders a peer wait of half of it: the second Alertmanager
     * then checks the notification log for a flush long before the first sends the next one. Were the check to fall
     * after the first had sent a resolution, the log would be ahead of the second's snapshot and it would send the
     * firing state again, then the resolution (seen with Alertmanager's default 15 s wait, and with 2 s at 2 s).
     */
    private static final Duration GROUP_INTERVAL = Duration.ofSeconds(4);
    /** Alertmanager's {@code --cluster.peer-timeout} when none is given. */
    private static final Duration DEFAULT_PEER_WAIT = Duration.ofSeconds(15);
    private static final String PEER_TIMEOUT_FLAG = "--cluster.peer-timeout=";

    final Path tmp;
    final TestCluster cluster;
    final Path clusterFile;
    final Path kit;
    final Path nvmlControl;
    final String collectorTimeoutFlag;
    final Mailbox mail;
    final WebhookReceiver hook;
    final Map<String, JavaProcess> nodes = new LinkedHashMap<>();
    RealAlertmanager alertmanager;
    RealAlertmanager peerAlertmanager;
    /** How long the second Alertmanager waits after a flush before it checks the log: what the rendered flag says. */
    Duration peerWait;
    String promUrl;
    PrometheusApi prom;
    private final List<AutoCloseable> running = new ArrayList<>();

    private E2eStack(Path tmp, TestCluster cluster, ClusterSpec spec) throws Exception {
        this.tmp = tmp;
        this.cluster = cluster;
        this.clusterFile = tmp.resolve("cluster.yaml");
        this.kit = tmp.resolve("kit");
        this.nvmlControl = tmp.resolve("fake-nvml-control");
        this.collectorTimeoutFlag = CollectorTimeout.flag(spec.intervals().scrapeTimeout());
        this.mail = new Mailbox(cluster.port("smtp"));
        running.add(mail);
        this.hook = new WebhookReceiver(cluster.port("webhook"));
        running.add(hook);
    }

    /** Renders the test cluster and starts everything; on any failure, what was started is stopped. */
    public static E2eStack start(Path tmp) throws Exception {
        TestCluster cluster = cluster();
        ClusterSpec spec = cluster.render(tmp.resolve("cluster.yaml"), tmp.resolve("kit"));
        E2eStack stack = new E2eStack(tmp, cluster, spec);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | AssertionError e) {
            stack.close();
            throw e;
        }
    }

    private static TestCluster cluster() {
        try {
            TestCluster cluster = TestCluster.fromLocalExample()
                    .withoutExporter("inference", "npu")
                    // A second GPU box that runs hot: its critical GPUHighTemperature must mute its warning twin.
                    .withServer("lab", "lab", "LAB", "gpu");
            int smtp = cluster.port("smtp");
            int webhookPort = cluster.port("webhook");
            int am2 = cluster.port("am2.web");
            int am2Cluster = cluster.port("am2.cluster");
            return cluster.edit(root -> {
                ObjectNode alerting = (ObjectNode) root.get("alerting");
                ((ObjectNode) alerting.get("smtp")).put("smarthost", "127.0.0.1:" + smtp);
                for (JsonNode r : alerting.get("receivers")) {
                    if (r.get("type").asText().equals("webhook")) {
                        ((ObjectNode) r).put("url", "http://127.0.0.1:" + webhookPort + "/alerts");
                    }
                }
                // Warnings too go to the webhook here, so every alert can be checked on both receivers.
                ArrayNode warning = ((ObjectNode) alerting.get("routes")).putArray("warning");
                warning.add("ops-email").add("ops-webhook");
                alerting.put("group_interval", GROUP_INTERVAL.toSeconds() + "s");
                ObjectNode alerts = root.putObject("alerts");
                alerts.putObject("for_overrides").put("GPUHighTemperature", "2s").put("ServerDown", "6s");
                ObjectNode peer = root.putObject("scale_out").putArray("alertmanager_peers").addObject();
                peer.put("address", "127.0.0.1").put("web_port", am2).put("cluster_port", am2Cluster);
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code accelmon_alertmanager_extra_args} of the rendered hub group vars: what the hub role starts it with. */
    private List<String> renderedHubAlertmanagerArgs() throws IOException {
        JsonNode hub = new ObjectMapper(new YAMLFactory()).readTree(kit.resolve(AnsibleInventory.HUB).toFile());
        List<String> args = new ArrayList<>();
        hub.path("accelmon_alertmanager_extra_args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private void startAll() throws Exception {
        Files.writeString(nvmlControl, "");
        // Launch every JVM first, then wait for them together: on a 2-core box this halves the start-up.
        Map<String, JavaProcess> launched = new LinkedHashMap<>();
        for (String server : List.of("hub", "inference", "training")) {
            JavaProcess node = launchNode(server);
            nodes.put(server, node);
            launched.put(metricsUrl(cluster.port(server + ".node")), node);
        }
        JavaProcess trainingGpu = launchGpu(cluster.port("training.gpu"), "85", nvmlControl);
        running.add(trainingGpu);
        launched.put(metricsUrl(cluster.port("training.gpu")), trainingGpu);
        JavaProcess labGpu = launchGpu(cluster.port("lab.gpu"), "95", null);
        running.add(labGpu);
        launched.put(metricsUrl(cluster.port("lab.gpu")), labGpu);
        int api = cluster.port("api.demo-api");
        JavaProcess demo = JavaProcess.launch("demo-api", jvm(Jars.demoApi(),
                "--web.listen-address=127.0.0.1:" + api), Map.of(), tmp.resolve("logs/demo-api.log"));
        running.add(demo);
        launched.put(metricsUrl(api), demo);

        Path amConfig = kit.resolve("alertmanager/alertmanager.yml");
        int am1 = cluster.port("hub.alertmanager_port");
        int am1Cluster = cluster.port("hub.alertmanager_cluster_port");
        int am2 = cluster.port("am2.web");
        int am2Cluster = cluster.port("am2.cluster");
        // The hub Alertmanager with the gossip flags the kit renders for the hub role; the peer, which the kit does
        // not deploy, as provisioning/README.md tells a user to run it: joining the hub, with the same peer wait.
        List<String> hubArgs = renderedHubAlertmanagerArgs();
        List<String> peerArgs = new ArrayList<>(List.of("--cluster.listen-address=127.0.0.1:" + am2Cluster,
                "--cluster.peer=127.0.0.1:" + am1Cluster));
        peerWait = DEFAULT_PEER_WAIT;
        for (String a : hubArgs) {
            if (a.startsWith(PEER_TIMEOUT_FLAG)) {
                peerArgs.add(a);
                peerWait = PromDuration.parse(a.substring(PEER_TIMEOUT_FLAG.length())).toDuration();
            }
        }
        alertmanager = RealAlertmanager.start(amConfig, tmp.resolve("am1"), am1, hubArgs);
        running.add(alertmanager);
        peerAlertmanager = RealAlertmanager.start(amConfig, tmp.resolve("am2"), am2, peerArgs);
        running.add(peerAlertmanager);
        for (var e : launched.entrySet()) {
            e.getValue().ready(e.getKey());
        }
        int promPort = cluster.port("hub.prometheus_port");
        running.add(JavaProcess.start("prometheus", List.of(Jars.binary("prometheus"),
                "--config.file=" + kit.resolve("prometheus/prometheus.yml"),
                "--storage.tsdb.path=" + tmp.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn"), Map.of(),
                tmp.resolve("logs/prometheus.log"), "http://127.0.0.1:" + promPort + "/-/ready"));
        promUrl = "http://127.0.0.1:" + promPort;
        prom = new PrometheusApi(URI.create(promUrl), Duration.ofSeconds(5));
    }

    /** Starts (again) the node-collector of {@code server} and waits until it answers. */
    public JavaProcess startNode(String server) throws Exception {
        JavaProcess node = launchNode(server).ready(metricsUrl(cluster.port(server + ".node")));
        nodes.put(server, node);
        return node;
    }

    /** Stops the node-collector of {@code server}. */
    public void stopNode(String server) {
        JavaProcess node = nodes.remove(server);
        if (node != null) {
            node.close();
        }
    }

    private JavaProcess launchNode(String server) throws Exception {
        int port = cluster.port(server + ".node");
        List<String> args = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:" + port, collectorTimeoutFlag));
        if (server.equals("training")) {
            // per-user accounting, on the box where the users' jobs run
            args.add("--collector.users");
        }
        return JavaProcess.launch("node-collector:" + server, jvm(Jars.nodeCollector(),
                args.toArray(String[]::new)), Map.of(), tmp.resolve("logs/node-" + server + "-" + port + ".log"));
    }

    /**
     * A gpu-exporter on the fake NVML: reads are in-process calls (milliseconds even on a loaded box), unlike the fake
     * nvidia-smi, a bash and awk script run twice per scrape that took up to 3s at a load of 12 on 2 cores.
     */
    private JavaProcess launchGpu(int port, String celsius, Path control) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FAKE_GPU_TEMPERATURE", celsius);
        env.put("FAKE_NVML_CONTROL", control == null ? tmp.resolve("no-control").toString() : control.toString());
        return JavaProcess.launch("gpu-exporter:" + port, jvm(Jars.gpuExporter(),
                "--web.listen-address=127.0.0.1:" + port, "--backend=nvml", "--nvml.library=" + Jars.fakeNvml(),
                collectorTimeoutFlag), env, tmp.resolve("logs/gpu-" + port + ".log"));
    }

    /** Puts compute processes on the training box's fake GPU 0 ({@code pid -> bytes}). */
    public void gpuProcesses(Map<Long, Long> bytesByPid) throws Exception {
        gpuProcesses(bytesByPid, Map.of());
    }

    /**
     * Puts compute processes on the training box's fake GPU 0 ({@code pid -> bytes}); the pids in
     * {@code smPercentByPid} also keep its SMs that busy (a driver utilization sample at every read).
     */
    public void gpuProcesses(Map<Long, Long> bytesByPid, Map<Long, Integer> smPercentByPid) throws Exception {
        StringBuilder b = new StringBuilder();
        bytesByPid.forEach((pid, bytes) -> b.append("process=0:").append(pid).append(':').append(bytes).append('\n'));
        smPercentByPid.forEach((pid, sm) -> b.append("procutil=0:").append(pid).append(':').append(sm).append('\n'));
        Path next = nvmlControl.resolveSibling("fake-nvml-control.next");
        Files.writeString(next, b.toString());
        Files.move(next, nvmlControl, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code java -jar} with a small, quickly started JVM: eight of them share two cores here. */
    private static List<String> jvm(Path jar, String... args) {
        return JavaProcess.javaJar(jar, List.of("-XX:TieredStopAtLevel=1", "-Xmx96m"), List.of(args));
    }

    private static String metricsUrl(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    @Override
    public void close() {
        nodes.values().forEach(JavaProcess::close);
        nodes.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        running.clear();
    }
}
