package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode data(String resource) throws Exception {
        return JSON.readTree(RecordedPrometheus.resource(resource)).path("data");
    }

    static Map<NodeQuery, JsonNode> nodeResults() throws Exception {
        Map<NodeQuery, JsonNode> m = new EnumMap<>(NodeQuery.class);
        m.put(NodeQuery.UPTIME, data("check/uptime.json").path("result"));
        m.put(NodeQuery.LOAD1, data("check/load1.json").path("result"));
        m.put(NodeQuery.LOAD5, data("check/load5.json").path("result"));
        m.put(NodeQuery.LOAD15, data("check/load15.json").path("result"));
        m.put(NodeQuery.MEMORY_TOTAL, data("check/memory_total.json").path("result"));
        m.put(NodeQuery.MEMORY_USED, data("check/memory_used.json").path("result"));
        return m;
    }

    static final List<ServiceStatus> OK_SERVICES = List.of(
            new ServiceStatus("Prometheus", "http://p", ServiceStatus.State.UP, "ready"));

    @Test
    void groupsTargetsByServerLabelAndAttachesNodeStats() throws Exception {
        HealthReport r = HealthReportBuilder.build("http://p", data("check/targets.json").path("activeTargets"),
                nodeResults(), OK_SERVICES, List.of());

        assertThat(r.servers()).extracting(ServerHealth::name).containsExactly("hub", "inference", "training");
        ServerHealth hub = r.servers().get(0);
        assertThat(hub.hostname()).isEqualTo("CRS");
        assertThat(hub.targets()).extracting(TargetState::job).containsExactly("grafana", "node-hub");
        assertThat(hub.node().uptimeSeconds()).isEqualTo(56700.25);
        assertThat(hub.node().load1()).isEqualTo(1.61);
        assertThat(hub.node().load15()).isEqualTo(0.88);
        assertThat(hub.node().memoryUsedBytes()).isEqualTo(3221225472.0);
        assertThat(hub.allUp()).isTrue();

        ServerHealth inference = r.servers().get(1);
        assertThat(inference.reachable()).as("the API answers though node-collector is down").isTrue();
        assertThat(inference.allUp()).isFalse();
        assertThat(inference.node().known()).isFalse();
        assertThat(inference.targets()).filteredOn(t -> !t.up()).singleElement()
                .satisfies(t -> assertThat(t.lastError()).contains("connection refused"));

        assertThat(r.targetsUp()).isEqualTo(5);
        assertThat(r.targetCount()).isEqualTo(6);
        assertThat(r.exitCode()).isEqualTo(HealthReport.SOMETHING_DOWN);
    }

    @Test
    void allTargetsUpGivesExitZero() throws Exception {
        JsonNode targets = JSON.readTree(RecordedPrometheus.resource("check/targets.json")
                .replace("\"health\":\"down\"", "\"health\":\"up\"")).path("data").path("activeTargets");
        HealthReport r = HealthReportBuilder.build("http://p", targets, nodeResults(), OK_SERVICES, List.of());
        assertThat(r.exitCode()).isEqualTo(HealthReport.ALL_UP);
    }

    @Test
    void serverInClusterWithoutTargetsIsMissingAndDown() throws Exception {
        JsonNode targets = JSON.readTree(RecordedPrometheus.resource("check/targets.json")
                .replace("\"health\":\"down\"", "\"health\":\"up\"")).path("data").path("activeTargets");
        HealthReport r = HealthReportBuilder.build("http://p", targets, nodeResults(), OK_SERVICES, List.of(
                new ExpectedServer("training", "training", "TRS", "127.0.0.1"), new ExpectedServer("storage", "storage", "STS", "10.0.0.9")));

        assertThat(r.servers()).extracting(ServerHealth::name)
                .as("cluster order first, then the rest").containsExactly("training", "storage", "hub", "inference");
        ServerHealth storage = r.servers().get(1);
        assertThat(storage.missing()).isTrue();
        assertThat(storage.reachable()).isFalse();
        assertThat(storage.hostname()).isEqualTo("STS");
        assertThat(r.exitCode()).isEqualTo(HealthReport.SOMETHING_DOWN);
    }

    @Test
    void aDownServiceMakesTheCheckFail() throws Exception {
        JsonNode targets = JSON.readTree(RecordedPrometheus.resource("check/targets.json")
                .replace("\"health\":\"down\"", "\"health\":\"up\"")).path("data").path("activeTargets");
        HealthReport r = HealthReportBuilder.build("http://p", targets, nodeResults(), List.of(
                new ServiceStatus("Alertmanager", "http://am", ServiceStatus.State.DOWN, "x"),
                new ServiceStatus("Grafana", "", ServiceStatus.State.UNKNOWN, "not scraped")), List.of());
        assertThat(r.exitCode()).isEqualTo(HealthReport.SOMETHING_DOWN);
    }

    @Test
    void targetsWithoutServerLabelFallBackToHostnameThenHost() throws Exception {
        assertThat(HealthReportBuilder.serverOf(JSON.readTree("{\"hostname\":\"CRS\",\"instance\":\"a:1\"}")))
                .isEqualTo("CRS");
        assertThat(HealthReportBuilder.serverOf(JSON.readTree("{\"instance\":\"127.0.0.1:9090\"}")))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void alertmanagerBaseUrlsAndGrafanaFromTargets() throws Exception {
        assertThat(HealthReportBuilder.alertmanagers(data("check/alertmanagers.json")))
                .extracting(Object::toString).containsExactly("http://127.0.0.1:9093");
        assertThat(HealthReportBuilder.alertmanagers(data("check/alertmanagers-none.json"))).isEmpty();

        ServiceStatus grafana = HealthReportBuilder.grafana(data("check/targets.json").path("activeTargets"));
        assertThat(grafana.state()).isEqualTo(ServiceStatus.State.UP);
        assertThat(grafana.url()).isEqualTo("127.0.0.1:3000");
        assertThat(HealthReportBuilder.grafana(JSON.readTree("[]")).state()).isEqualTo(ServiceStatus.State.UNKNOWN);
    }
}
