package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's Grafana parts live beside a user's own: a datasource of its own, dashboards that import anywhere. */
class GrafanaImportTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDatasourceHasItsOwnNameAndIsNotTheDefault() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        JsonNode ds = new ObjectMapper(new YAMLFactory()).readTree(kit.get(GrafanaProvisioning.DATASOURCES))
                .path("datasources").get(0);
        assertThat(ds.path("name").asText()).isEqualTo("accelmon Prometheus");
        assertThat(ds.path("uid").asText()).isEqualTo(GrafanaProvisioning.DATASOURCE_UID);
        assertThat(ds.path("isDefault").asBoolean(true)).isFalse();
    }

    @Test
    void withALongTermStoreTheDatasourceQueriesTheStore() throws Exception {
        Map<String, String> kit = Kit.render(io.accelmon.provisioning.spec.ClusterSpecLoader.parse(Path.of("c.yaml"), """
                servers: [{name: hub, address: 10.0.0.1, exporters: {node: {}}}]
                security: {basic_auth: {username: prometheus, password_file: /etc/accelmon/pw}}
                scale_out:
                  shards: 2
                  remote_write: [{name: victoria, url: "http://vm:8428/api/v1/write"}]
                  query_url: "http://vm:8428"
                """));
        JsonNode ds = new ObjectMapper(new YAMLFactory()).readTree(kit.get(GrafanaProvisioning.DATASOURCES))
                .path("datasources").get(0);
        assertThat(ds.path("url").asText()).isEqualTo("http://vm:8428");
        assertThat(ds.has("basicAuth")).as("the hub's credentials stay with the hub").isFalse();
    }

    /**
     * Importable through Grafana's UI or API as they are: no {@code ${DS_…}} input to fill, every query through the
     * {@code datasource} variable, which falls back to the kit's uid and otherwise to any Prometheus datasource.
     */
    @Test
    void everyDashboardSelectsItsDatasourceThroughTheVariable() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        ObjectMapper json = new ObjectMapper();
        int dashboards = 0;
        for (Map.Entry<String, String> f : kit.entrySet()) {
            if (!f.getKey().startsWith(Dashboards.DIR)) {
                continue;
            }
            dashboards++;
            JsonNode d = json.readTree(f.getValue());
            assertThat(f.getValue()).as(f.getKey()).doesNotContain("${DS_");
            assertThat(d.path("id").isNull() || d.path("id").isMissingNode()).as("no instance id, so import creates the dashboard").isTrue();
            JsonNode var = d.path("templating").path("list").get(0);
            assertThat(var.path("type").asText()).isEqualTo("datasource");
            assertThat(var.path("query").asText()).isEqualTo("prometheus");
            assertThat(var.path("current").path("value").asText()).isEqualTo(GrafanaProvisioning.DATASOURCE_UID);
            for (JsonNode p : d.path("panels")) {
                if (p.has("datasource")) {
                    assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                }
            }
        }
        assertThat(dashboards).isEqualTo(5);
    }
}
