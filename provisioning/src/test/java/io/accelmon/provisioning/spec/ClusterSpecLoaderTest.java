package io.accelmon.provisioning.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSpecLoaderTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aYamlSyntaxErrorSaysBadIndentationInPlainWordsThenTheParsersText() {
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), "cluster:\n  name: x\n servers:\n  - name: a\n"))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("c.yaml:3:2: bad indentation or structure: a line is indented differently")
                        .endsWith("(parser: expected <block end>, but found '<block mapping start>')"));
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), "servers:\n  - {name: a\n"))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("c.yaml:3:1: bad indentation or structure: a {…} is not closed"));
    }

    @Test
    void loadsTheSeedCluster() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml"));
        assertThat(spec.servers()).extracting(ClusterSpec.Server::hostname).containsExactly("CRS", "PIS", "TRS");
        assertThat(spec.server("training").address()).isEqualTo("8.138.100.136");
        assertThat(spec.server("training").exporter(ExporterKind.GPU)).get()
                .extracting(ClusterSpec.Exporter::port).isEqualTo(9835);
        assertThat(spec.thresholds().gpuTemperatureCelsius().warning()).isEqualTo(80);
        assertThat(spec.thresholds().nodeLoad5PerCore().warning()).isEqualTo(1.5);
        assertThat(spec.intervals().scrape()).isEqualTo(PromDuration.ofSeconds(15));
        assertThat(spec.alerting().critical()).containsExactly("pager", "ops-webhook", "ops-email");
        assertThat(spec.hubServer().hostname()).isEqualTo("CRS");
        assertThat(spec.roles()).containsExactly("hub", "inference", "training");
    }

    @Test
    void localClusterIsAllLoopbackWithDistinctPorts() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.load(REPO.resolve("examples/local-cluster.yaml"));
        assertThat(spec.servers()).allSatisfy(s -> assertThat(s.address()).isEqualTo("127.0.0.1"));
        assertThat(spec.servers().stream().flatMap(s -> s.exporters().values().stream()).map(e -> e.port()))
                .doesNotHaveDuplicates();
    }

    @Test
    void forOverridesAndScaleShortenAlerts() throws Exception {
        ClusterSpec spec = parse(minimal() + "alerts:\n  for_overrides: {GPUHighTemperature: 10s}\n  for_scale: 0.01\n");
        assertThat(spec.alerts().forOf("GPUHighTemperature", PromDuration.ofMinutes(5)))
                .isEqualTo(PromDuration.ofSeconds(10));
        assertThat(spec.alerts().forOf("NodeHighLoad", PromDuration.ofMinutes(10)))
                .isEqualTo(PromDuration.ofSeconds(6));
    }

    @Test
    void reportsEveryProblemWithFileLineColumnAndPath() {
        String text = """
                cluster: {name: demo}
                colour: blue
                servers:
                  - name: a
                    address: 10.0.0.1
                    exporters: {node: {port: 9100}}
                  - name: a
                    address: 10.0.0.2
                    exporters: {node: {port: seventy}}
                  - name: c
                    address: 47.84.1.999
                    exporters: {node: {port: 70000}}
                alerting:
                  receivers:
                    - {name: hook, type: webhook, url: "http://127.0.0.1:1/x"}
                  routes: {critical: [hook, nobody]}
                thresholds:
                  gpu_temperature_celsius: {warning: 400}
                alerts:
                  for_overrides: {NoSuchAlert: 1m}
                """;
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), text))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "c.yaml:2:1: colour: unknown key 'colour' (known here: cluster, intervals, servers, hub,"
                                + " api_services, alerting, thresholds, alerts, security, scale_out, prometheus)",
                        "c.yaml:7:11: servers[1].name: duplicate server name 'a' (also servers[0])",
                        "c.yaml:9:30: servers[1].exporters.node.port: expected an integer, got 'seventy'",
                        "c.yaml:11:14: servers[2].address: '47.84.1.999' is not an IPv4 address (each part 0..255)",
                        "c.yaml:12:30: servers[2].exporters.node.port: 70000 is out of range 1..65535",
                        "c.yaml:16:29: alerting.routes.critical[1]: no receiver named 'nobody' in alerting.receivers",
                        "c.yaml:18:38: thresholds.gpu_temperature_celsius.warning: 400 is out of range"
                                + " (must be > 0 and <= 150)",
                        "c.yaml:20:19: alerts.for_overrides.NoSuchAlert: no alert named 'NoSuchAlert' (known: "
                                + String.join(", ", AlertCatalog.names()) + ")"));
    }

    @Test
    void portClashAndSecretInUrlAreRejected() {
        String text = minimal() + """
                api_services:
                  - {name: api, server: hub, port: 9100}
                alerting:
                  receivers:
                    - {name: hook, type: webhook, url: "https://user:secret@hooks.example.com/x"}
                """;
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(SpecException.class,
                e -> assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p)
                                .contains("api_services[0].port: port 9100 on 10.0.0.1 is already used by servers[0]"))
                        .anySatisfy(p -> assertThat(p).contains("alerting.receivers[0].url: credentials in a URL")));
    }

    @Test
    void yamlSyntaxErrorHasAPosition() {
        assertThatThrownBy(() -> parse("servers: [\n  - a: b\n")).isInstanceOfSatisfying(SpecException.class,
                e -> assertThat(e.problems()).singleElement().asString().matches("t\\.yaml:\\d+:\\d+: bad indentation or structure: .+ \\(parser: .+\\)"));
    }

    @Test
    void durationsRoundTrip() {
        for (String d : List.of("15s", "1h30m", "500ms", "0s", "1d", "10m")) {
            assertThat(PromDuration.parse(d).toString()).isEqualTo(d);
        }
        assertThatThrownBy(() -> PromDuration.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        for (String refused : List.of("30s1m", "5s5s", "1h1d", "1m ", "-5s")) { // promtool refuses these too
            assertThatThrownBy(() -> PromDuration.parse(refused)).as(refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units largest first");
        }
    }

    static String minimal() {
        return """
                servers:
                  - name: hub
                    address: 10.0.0.1
                    exporters: {node: {port: 9100}}
                """;
    }

    static ClusterSpec parse(String text) throws SpecException {
        return ClusterSpecLoader.parse(Path.of("t.yaml"), text);
    }
}
