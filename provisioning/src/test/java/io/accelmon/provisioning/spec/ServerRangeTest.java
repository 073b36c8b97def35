package io.accelmon.provisioning.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One server entry standing for many: {@code name: trs-[01:64]} with an address range or list, and overrides. */
class ServerRangeTest {

    static final String FLEET = """
            servers:
              - {name: hub, hostname: CRS, address: 10.0.0.1, exporters: {node: {}}}
              - name: trs-[01:64]
                role: training
                hostname: TRS-[01:64]
                address: 10.0.1.[101:164]
                location: rack-a
                exporters: {node: {}, gpu: {}}
                overrides:
                  trs-07: {address: 10.0.9.7, location: rack-b, exporters: {node: {port: 9101}}}
              - name: pis-[8:10]
                role: inference
                addresses: [10.0.2.8, pis-9.lab, 10.0.2.10]
                exporters: {node: {}, npu: {}}
            """;

    @Test
    void expandsNamesHostnamesAndAddressesInStep() throws Exception {
        ClusterSpec spec = ClusterSpecLoader.parse(Path.of("c.yaml"), FLEET);
        assertThat(spec.servers()).hasSize(1 + 64 + 3);
        Server first = spec.server("trs-01");
        assertThat(first.role()).isEqualTo("training");
        assertThat(first.hostname()).isEqualTo("TRS-01");
        assertThat(first.address()).isEqualTo("10.0.1.101");
        assertThat(first.ip()).isEqualTo("10.0.1.101");
        assertThat(first.location()).isEqualTo("rack-a");
        assertThat(first.exporters()).containsOnlyKeys(ExporterKind.NODE, ExporterKind.GPU);
        assertThat(spec.server("trs-64").address()).isEqualTo("10.0.1.164");
        assertThat(spec.servers()).extracting(Server::name).contains("pis-8", "pis-9", "pis-10");
        assertThat(spec.server("pis-9").address()).isEqualTo("pis-9.lab");
        assertThat(spec.server("pis-9").hostname()).isEqualTo("pis-9");
        assertThat(spec.roles()).containsExactly("hub", "training", "inference");
    }

    @Test
    void overridesReplaceSingleFieldsOfOneServer() throws Exception {
        Server s = ClusterSpecLoader.parse(Path.of("c.yaml"), FLEET).server("trs-07");
        assertThat(s.address()).isEqualTo("10.0.9.7");
        assertThat(s.ip()).isEqualTo("10.0.9.7");
        assertThat(s.location()).isEqualTo("rack-b");
        assertThat(s.hostname()).isEqualTo("TRS-07");
        assertThat(s.exporters()).containsOnlyKeys(ExporterKind.NODE);
        assertThat(s.exporter(ExporterKind.NODE).get().port()).isEqualTo(9101);
    }

    @Test
    void rangeErrorsPointAtTheEntryOnce() {
        String text = FLEET.replace("address: 10.0.1.[101:164]", "address: 10.0.1.[101:165]")
                .replace("trs-07: {", "trs-99: {")
                .replace("exporters: {node: {}, gpu: {}}", "exporters: {node: {}, gpu: {}, tpu: {}}");
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), text))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "c.yaml:6:14: servers[1].address: '10.0.1.[101:165]' stands for 65 value(s) but the entry's"
                                + " name for 64 server(s); use a range of the same length",
                        "c.yaml:8:36: servers[1].exporters.tpu: unknown key 'tpu' (known here: node, gpu)",
                        "c.yaml:10:7: servers[1].overrides.trs-99: no server named 'trs-99' in this entry's range"));
    }

    @Test
    void addressListMustMatchAndRangesMustBeWellFormed() {
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"),
                FLEET.replace("addresses: [10.0.2.8, pis-9.lab, 10.0.2.10]", "addresses: [10.0.2.8]")))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .containsExactly("c.yaml:13:16: servers[2].addresses: 1 addresses for 3 server(s)"));
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), FLEET.replace("pis-[8:10]", "pis-[10:8]")))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("c.yaml:11:11: servers[2].name: 'pis-[10:8]': the range ends")));
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), FLEET.replace("    role: training\n", "")))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .contains("c.yaml:3:5: servers[1].role: missing: a range of servers needs a role"));
    }

    @Test
    void expandsLikeAnsibleInventoryPatterns() {
        assertThat(ServerRange.expand("trs-[01:03]")).containsExactly("trs-01", "trs-02", "trs-03");
        assertThat(ServerRange.expand("[8:11].lab")).containsExactly("8.lab", "9.lab", "10.lab", "11.lab");
        assertThat(ServerRange.expand("plain")).containsExactly("plain");
        assertThatThrownBy(() -> ServerRange.expand("a-[1:2]-[1:2]")).hasMessageContaining("only one range");
        assertThatThrownBy(() -> ServerRange.expand("a-[1-2]")).hasMessageContaining("malformed range");
        assertThatThrownBy(() -> ServerRange.expand("a-[0:99999]")).hasMessageContaining("at most 10000");
    }
}
