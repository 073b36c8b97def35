package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The rollout starts every exporter with a collector timeout that fits inside the rendered scrape timeout. */
class ExporterArgsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void seedClusterKeepsTheExportersDefaultBecauseItsScrapeTimeoutIsLonger() throws Exception {
        Map<String, Object> all = groupVarsAll("examples/cluster.yaml");
        for (String kind : List.of("node", "gpu", "npu")) {
            assertThat(all.get("accelmon_" + kind + "_extra_args")).as(kind)
                    .isEqualTo(List.of("--collector.timeout=5000ms"));
        }
    }

    @Test
    void shortScrapeTimeoutGivesAShorterCollectorTimeout() throws Exception {
        Map<String, Object> all = groupVarsAll("examples/local-cluster.yaml");
        // local-cluster.yaml scrapes with a 4s timeout: exporters must give up on a slow source after 3s
        assertThat(all.get("accelmon_node_extra_args")).isEqualTo(List.of("--collector.timeout=3000ms"));
    }

    private static Map<String, Object> groupVarsAll(String cluster) throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve(cluster)));
        return new Yaml().load(kit.get(AnsibleInventory.ALL));
    }
}
