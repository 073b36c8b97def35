package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code scale_out.alertmanager_peers} (HA): every Prometheus config (unsharded and each shard) sends alerts to the hub
 * Alertmanager and every peer, and the rollout's hub Alertmanager gossips with every peer on its cluster port.
 */
class AlertmanagerPeersTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void peersAreAlertingTargetsOfEveryPrometheusAndClusterPeersOfTheHub() throws Exception {
        Map<String, String> kit = Kit.render(seedWith("""
                scale_out:
                  shards: 2
                  alertmanager_peers:
                    - {address: 10.0.0.2, web_port: 9093, cluster_port: 9094}
                    - {address: am3.example.com, web_port: 19093, cluster_port: 19094}
                """));
        for (String path : List.of(PrometheusConfig.PATH, PrometheusConfig.shardPath(0), PrometheusConfig.shardPath(1))) {
            assertThat(alertmanagerTargets(kit.get(path))).as(path)
                    .containsExactly("47.84.1.161:9093", "10.0.0.2:9093", "am3.example.com:19093");
        }
        Map<String, Object> hub = new Yaml().load(kit.get(AnsibleInventory.HUB));
        assertThat(hub.get("accelmon_alertmanager_cluster_peers"))
                .isEqualTo(List.of("10.0.0.2:9094", "am3.example.com:19094"));
        assertThat(hub.get("accelmon_alertmanager_extra_args")).isEqualTo(List.of(
                "--cluster.listen-address=47.84.1.161:9094",
                "--cluster.peer=10.0.0.2:9094",
                "--cluster.peer=am3.example.com:19094"));
    }

    @Test
    void listeningOnEveryInterfaceAdvertisesTheHubsIp() throws Exception {
        Path file = REPO.resolve("examples/cluster.yaml");
        String spec = withScaleOut(Files.readString(file), "scale_out:\n  alertmanager_peers: [{address: 10.0.0.2}]\n")
                .replace("\nsecurity:\n", "\nsecurity:\n  listen: all\n");
        Map<String, Object> hub = new Yaml().load(Kit.render(ClusterSpecLoader.parse(file, spec)).get(AnsibleInventory.HUB));
        assertThat(hub.get("accelmon_alertmanager_extra_args")).isEqualTo(List.of(
                "--cluster.listen-address=0.0.0.0:9094",
                "--cluster.advertise-address=47.84.1.161:9094",
                "--cluster.peer=10.0.0.2:9094"));
    }

    @Test
    void withoutPeersOnlyTheHubAlertmanagerAndNoGossip() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        assertThat(alertmanagerTargets(kit.get(PrometheusConfig.PATH))).containsExactly("47.84.1.161:9093");
        assertThat(kit).doesNotContainKey(PrometheusConfig.shardPath(0));
        Map<String, Object> hub = new Yaml().load(kit.get(AnsibleInventory.HUB));
        assertThat(hub.get("accelmon_alertmanager_cluster_peers")).isEqualTo(List.of());
        assertThat(hub.get("accelmon_alertmanager_extra_args")).isEqualTo(List.of("--cluster.listen-address="));
    }

    @Test
    void loopbackHubListensOnLoopbackAndNeedsNoAdvertiseAddress() throws Exception {
        String local = Files.readString(REPO.resolve("examples/local-cluster.yaml"));
        ClusterSpec spec = ClusterSpecLoader.parse(REPO.resolve("examples/local-cluster.yaml"),
                withScaleOut(local, "scale_out:\n  alertmanager_peers:\n"
                        + "    - {address: 127.0.0.1, web_port: 19193, cluster_port: 19194}\n"));
        Map<String, String> kit = Kit.render(spec);
        assertThat(alertmanagerTargets(kit.get(PrometheusConfig.PATH))).containsExactly("127.0.0.1:19093", "127.0.0.1:19193");
        Map<String, Object> hub = new Yaml().load(kit.get(AnsibleInventory.HUB));
        // the example's 10s group_interval is under twice the default peer wait (15s): half the interval instead
        assertThat(hub.get("accelmon_alertmanager_extra_args")).isEqualTo(List.of(
                "--cluster.listen-address=127.0.0.1:19094", "--cluster.peer=127.0.0.1:19194", "--cluster.peer-timeout=5s"));
    }

    @Test
    void peerWaitIsHalfAGroupIntervalUnderThirtySecondsAndTheDefaultFromThere() throws Exception {
        String local = Files.readString(REPO.resolve("examples/local-cluster.yaml"));
        for (Map.Entry<String, String> c : Map.of("7s", "3s500ms", "29s", "14s500ms", "30s", "", "5m", "").entrySet()) {
            ClusterSpec spec = ClusterSpecLoader.parse(REPO.resolve("examples/local-cluster.yaml"),
                    withScaleOut(local.replace("group_interval: 10s", "group_interval: " + c.getKey()),
                            "scale_out:\n  alertmanager_peers: [{address: 127.0.0.1, web_port: 19193, cluster_port: 19194}]\n"));
            List<?> args = (List<?>) new Yaml().<Map<String, Object>>load(Kit.render(spec).get(AnsibleInventory.HUB))
                    .get("accelmon_alertmanager_extra_args");
            if (c.getValue().isEmpty()) {
                assertThat(args).as(c.getKey()).noneMatch(a -> a.toString().startsWith("--cluster.peer-timeout"));
            } else {
                assertThat(args).as(c.getKey()).last().isEqualTo("--cluster.peer-timeout=" + c.getValue());
            }
        }
    }

    private static ClusterSpec seedWith(String scaleOut) throws Exception {
        Path file = REPO.resolve("examples/cluster.yaml");
        return ClusterSpecLoader.parse(file, withScaleOut(Files.readString(file), scaleOut));
    }

    /** Replaces the example's trailing {@code scale_out} section (or appends one). */
    private static String withScaleOut(String spec, String scaleOut) {
        int at = spec.indexOf("\nscale_out:");
        return (at < 0 ? spec : spec.substring(0, at + 1)) + "\n" + scaleOut;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertmanagerTargets(String prometheusYml) {
        Map<String, Object> doc = new Yaml().load(prometheusYml);
        Map<String, Object> alerting = (Map<String, Object>) doc.get("alerting");
        List<Map<String, Object>> ams = (List<Map<String, Object>>) alerting.get("alertmanagers");
        assertThat(ams).hasSize(1);
        List<Map<String, Object>> statics = (List<Map<String, Object>>) ams.get(0).get("static_configs");
        return (List<String>) statics.get(0).get("targets");
    }
}
