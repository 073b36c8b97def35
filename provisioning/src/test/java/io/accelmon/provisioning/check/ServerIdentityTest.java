package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.provisioning.render.PrometheusConfig;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several servers sharing a role stay separate servers: in the scrape config, in {@code check} and in validation. */
class ServerIdentityTest {

    static final String TWO_TRAINING = """
            servers:
              - {name: hub, hostname: CRS, address: 10.0.0.1, exporters: {node: {}}}
              - {name: training, role: training, hostname: TRS, address: 10.0.0.2, exporters: {node: {}, gpu: {}}}
              - {name: training2, role: training, hostname: TRS2, address: 10.0.0.3, exporters: {node: {}, gpu: {}}}
            """;

    @Test
    void everyTargetCarriesItsUniqueServerNameAndItsRole() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), TWO_TRAINING + "prometheus: {discovery: static}\n");
        JsonNode prom = new ObjectMapper(new YAMLFactory()).readTree(PrometheusConfig.render(spec).get(PrometheusConfig.PATH));
        List<String> gpuTargets = new ArrayList<>();
        for (JsonNode job : prom.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                JsonNode labels = sc.path("labels");
                assertThat(labels.path("server_name").asText()).isNotEmpty();
                if (job.path("job_name").asText().equals("gpu-training")) {
                    gpuTargets.add(labels.path("server_name").asText() + "/" + labels.path("server").asText() + "/"
                            + labels.path("hostname").asText());
                }
            }
        }
        assertThat(gpuTargets).containsExactly("training/training/TRS", "training2/training/TRS2");
    }

    @Test
    void fileDiscoveryIsTheDefaultWithOneTargetsFilePerJob() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), TWO_TRAINING);
        var files = PrometheusConfig.render(spec);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode prom = yaml.readTree(files.get(PrometheusConfig.PATH));
        for (JsonNode job : prom.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            if (name.startsWith("prometheus-") || name.startsWith("alertmanager-")) {
                assertThat(job.has("static_configs")).as(name).isTrue();
                continue;
            }
            assertThat(job.has("static_configs")).as(name).isFalse();
            assertThat(job.path("file_sd_configs").get(0).path("files").get(0).asText())
                    .isEqualTo("targets/" + name + ".yml");
            assertThat(files).containsKey("prometheus/targets/" + name + ".yml");
        }
        JsonNode gpu = yaml.readTree(files.get("prometheus/targets/gpu-training.yml"));
        assertThat(gpu).hasSize(2);
        assertThat(gpu.get(1).path("targets").get(0).asText()).isEqualTo("10.0.0.3:9835");
        assertThat(gpu.get(1).path("labels").path("server_name").asText()).isEqualTo("training2");
    }

    @Test
    void checkExpectsEachServerAndReportsTheMissingOne() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), TWO_TRAINING);
        List<ExpectedServer> expected = ClusterServers.expected(spec);
        assertThat(expected).extracting(ExpectedServer::name).containsExactly("hub", "training", "training2");

        // Prometheus scrapes hub and training, nothing of training2.
        ObjectMapper json = new ObjectMapper();
        JsonNode targets = json.readTree("""
                [{"labels": {"job": "node-hub", "instance": "10.0.0.1:9100", "server_name": "hub", "server": "hub",
                   "hostname": "CRS", "ip": "10.0.0.1"}, "health": "up"},
                 {"labels": {"job": "node-training", "instance": "10.0.0.2:9100", "server_name": "training",
                   "server": "training", "hostname": "TRS", "ip": "10.0.0.2"}, "health": "up"},
                 {"labels": {"job": "gpu-training", "instance": "10.0.0.2:9835", "server_name": "training",
                   "server": "training", "hostname": "TRS", "ip": "10.0.0.2"}, "health": "up"}]
                """);
        HealthReport r = HealthReportBuilder.build("http://p", targets, java.util.Map.of(), List.of(), expected);
        assertThat(r.servers()).extracting(ServerHealth::name).containsExactly("hub", "training", "training2");
        assertThat(r.servers().get(1).targets()).hasSize(2);
        ServerHealth missing = r.servers().get(2);
        assertThat(missing.missing()).isTrue();
        assertThat(missing.role()).isEqualTo("training");
        String text = HealthText.render(r);
        assertThat(text).contains("[server] training2 (role training, TRS2, 10.0.0.3) - MISSING");
        assertThat(text).contains("summary: 3 servers");
    }

    @Test
    void duplicateHostnamesAreRejectedAtTheEntry() {
        String text = TWO_TRAINING.replace("hostname: TRS2", "hostname: trs");
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), text))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).containsExactly(
                        "c.yaml:4:49: servers[2].hostname: duplicate hostname 'trs' (also servers[1])"));
    }

    @Test
    void nameMessageSaysWhatTheNameBecomes() {
        String text = TWO_TRAINING.replace("name: training2", "name: Training_2");
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), text))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("servers[2].name").contains("server_name label")
                        .doesNotContain("job names"));
    }
}
