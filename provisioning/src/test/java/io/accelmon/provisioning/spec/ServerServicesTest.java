package io.accelmon.provisioning.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.provisioning.render.PrometheusConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's own services (Ray, nginx, vLLM, anything with /metrics) become jobs with the same identity labels. */
class ServerServicesTest {

    static final String SPEC = """
            prometheus: {discovery: static}
            servers:
              - {name: hub, address: 10.0.0.1, exporters: {node: {}}, services: [{kind: ray}, {kind: nginx}]}
              - name: inf-[1:2]
                role: inference
                address: "10.0.1.[1:2]"
                exporters: {node: {}}
                services:
                  - {kind: vllm}
                  - {kind: custom, name: sglang, port: 30000, path: /sglang/metrics}
            """;

    @Test
    void everyServiceIsAJobPerKindAndRoleWithTheServersIdentity() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), SPEC);
        JsonNode prom = new ObjectMapper(new YAMLFactory()).readTree(PrometheusConfig.render(spec).get(PrometheusConfig.PATH));
        List<String> seen = new ArrayList<>();
        for (JsonNode job : prom.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            if (!List.of("ray-hub", "nginx-hub", "vllm-inference", "custom-inference").contains(name)) {
                continue;
            }
            for (JsonNode sc : job.path("static_configs")) {
                JsonNode l = sc.path("labels");
                seen.add(name + " " + job.path("metrics_path").asText("/metrics") + " " + sc.path("targets").get(0).asText()
                        + " " + l.path("server_name").asText() + "/" + l.path("server").asText() + "/"
                        + l.path("hostname").asText() + "/" + l.path("service").asText());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(
                "ray-hub /metrics 10.0.0.1:8080 hub/hub/hub/ray",
                "nginx-hub /metrics 10.0.0.1:9113 hub/hub/hub/nginx",
                "vllm-inference /metrics 10.0.1.1:8000 inf-1/inference/inf-1/vllm",
                "vllm-inference /metrics 10.0.1.2:8000 inf-2/inference/inf-2/vllm",
                "custom-inference /sglang/metrics 10.0.1.1:30000 inf-1/inference/inf-1/sglang",
                "custom-inference /sglang/metrics 10.0.1.2:30000 inf-2/inference/inf-2/sglang");
    }

    @Test
    void aRoleWrittenWhereOneServerIsMeantNamesTheServersOfThatRole() {
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), """
                servers:
                  - {name: "trs-[1:4]", role: training, address: "10.0.1.[1:4]", exporters: {node: {}}}
                api_services: [{name: api, server: training, port: 8080}]
                """)).isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).containsExactly(
                "c.yaml:3:36: api_services[0].server: no server named 'training' in servers; 'training' is the role "
                        + "of 4 server(s) (trs-1, trs-2, trs-3, …): name one of them, or give each server the service "
                        + "under its own services[]"));
    }

    @Test
    void aBadServiceIsReportedOncePerEntryWithItsPosition() {
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), """
                servers:
                  - name: inf-[1:3]
                    role: inference
                    address: "10.0.1.[1:3]"
                    exporters: {node: {}}
                    services: [{kind: triton}, {kind: custom}, {kind: vllm, port: 9100}]
                """)).isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).containsExactly(
                "c.yaml:6:23: servers[0].services[0].kind: 'triton' is not one of ray, nginx, vllm, custom",
                "c.yaml:6:32: servers[0].services[1].port: missing (required)",
                "c.yaml:6:67: servers[0].services[2].port: port 9100 on 10.0.1.1 is already used by "
                        + "servers[0] (inf-1).exporters.node"));
    }
}
