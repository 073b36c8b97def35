package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * With {@code security:} the hub is a client and a server like the exporters: Prometheus scrapes itself and its
 * Alertmanager, sends alerts and serves Grafana with the same credentials and TLS; everything listens on its
 * server's own address unless {@code security.listen: all}.
 */
class HubSecurityTest {

    static final String CLUSTER = """
            servers:
              - name: hub
                address: 10.1.0.1
                exporters: {node: {}}
              - name: training
                address: 10.1.0.2
                exporters: {node: {}, gpu: {}}
            scale_out:
              alertmanager_peers: [{address: 10.1.0.9}]
            """;
    static final String SECURITY = """
            security:
              basic_auth: {username: prometheus, password_file: /etc/prometheus/secrets/pw}
              tls: {ca_file: /etc/ssl/ca.crt, cert_file: /etc/ssl/host.crt, key_file: /etc/ssl/host.key}
            """;

    @Test
    void prometheusUsesTheCredentialsForItselfItsAlertmanagerAndTheExporters(@TempDir Path tmp) throws Exception {
        Map<String, Object> prom = yaml(render(tmp, CLUSTER + SECURITY), PrometheusConfig.PATH);
        Map<String, Object> secured = Map.of(
                "scheme", "https",
                "tls_config", Map.of("ca_file", "/etc/ssl/ca.crt", "cert_file", "/etc/ssl/host.crt",
                        "key_file", "/etc/ssl/host.key"),
                "basic_auth", Map.of("username", "prometheus", "password_file", "/etc/prometheus/secrets/pw"));
        List<Map<String, Object>> jobs = list(prom.get("scrape_configs"));
        assertThat(jobs).extracting(j -> j.get("job_name"))
                .containsExactly("prometheus-hub", "alertmanager-hub", "node-hub", "node-training", "gpu-training");
        assertThat(jobs).allSatisfy(j -> assertThat(j).containsAllEntriesOf(secured));
        Map<String, Object> alerting = map(prom.get("alerting"));
        Map<String, Object> am = list(alerting.get("alertmanagers")).get(0);
        assertThat(am).containsAllEntriesOf(secured);
        assertThat(list(am.get("static_configs")).get(0).get("targets")).isEqualTo(List.of("10.1.0.1:9093", "10.1.0.9:9093"));
    }

    @Test
    void grafanaReadsThePasswordFromItsOwnCopyAndTrustsTheCa(@TempDir Path tmp) throws Exception {
        Map<String, String> kit = render(tmp, CLUSTER + SECURITY);
        Map<String, Object> ds = list(yaml(kit, GrafanaProvisioning.DATASOURCES).get("datasources")).get(0);
        assertThat(ds).containsEntry("url", "https://10.1.0.1:9090").containsEntry("basicAuth", true)
                .containsEntry("basicAuthUser", "prometheus");
        assertThat(map(ds.get("secureJsonData"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "basicAuthPassword", "$__file{" + GrafanaProvisioning.PASSWORD_FILE + "}",
                "tlsCACert", "$__file{/etc/ssl/ca.crt}"));
        assertThat(map(ds.get("jsonData"))).containsEntry("tlsAuthWithCACert", true);
        assertThat(yaml(kit, AnsibleInventory.HUB))
                .containsEntry("accelmon_grafana_prometheus_password_file", GrafanaProvisioning.PASSWORD_FILE);
        assertThat(String.join("\n", kit.values())).doesNotContain("$2b$").doesNotContain("$2y$");
    }

    @Test
    void everythingListensOnItsServersOwnAddressUnlessListenAll(@TempDir Path tmp) throws Exception {
        Map<String, String> own = render(tmp, CLUSTER + SECURITY);
        assertThat(yaml(own, AnsibleInventory.HUB)).containsEntry("accelmon_prometheus_listen_address", "10.1.0.1:9090")
                .containsEntry("accelmon_alertmanager_listen_address", "10.1.0.1:9093");
        Map<String, Object> hosts = map(map(yaml(own, AnsibleInventory.INVENTORY).get("all")).get("hosts"));
        assertThat(map(hosts.get("training"))).containsEntry("accelmon_node_listen_address", "10.1.0.2:9100")
                .containsEntry("accelmon_gpu_listen_address", "10.1.0.2:9835");

        Map<String, String> all = render(tmp, CLUSTER + SECURITY.replace("security:\n", "security:\n  listen: all\n"));
        assertThat(yaml(all, AnsibleInventory.HUB)).containsEntry("accelmon_prometheus_listen_address", "0.0.0.0:9090");
        assertThat(map(map(map(yaml(all, AnsibleInventory.INVENTORY).get("all")).get("hosts")).get("training")))
                .containsEntry("accelmon_gpu_listen_address", "0.0.0.0:9835");
    }

    @Test
    void withoutSecurityTheHubIsPlainHttp(@TempDir Path tmp) throws Exception {
        Map<String, String> kit = render(tmp, CLUSTER);
        Map<String, Object> prom = yaml(kit, PrometheusConfig.PATH);
        assertThat(list(prom.get("scrape_configs"))).allSatisfy(j -> assertThat(j).doesNotContainKeys("scheme", "basic_auth"));
        Map<String, Object> ds = list(yaml(kit, GrafanaProvisioning.DATASOURCES).get("datasources")).get(0);
        assertThat(ds).containsEntry("url", "http://10.1.0.1:9090").doesNotContainKeys("basicAuth", "secureJsonData");
    }

    @Test
    void listenIsAddressOrAll(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("c.yaml"), CLUSTER + "security: {listen: everywhere}\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ClusterSpecLoader.load(spec)))
                .hasMessageContaining("security.listen: 'everywhere' is neither address");
    }

    private static Map<String, String> render(Path tmp, String cluster) throws Exception {
        Path spec = Files.writeString(tmp.resolve("c.yaml"), cluster);
        return Kit.render(ClusterSpecLoader.load(spec));
    }

    private static Map<String, Object> yaml(Map<String, String> kit, String file) {
        return new Yaml().load(kit.get(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
