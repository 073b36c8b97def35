package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The top-level rules/ and dashboards/ must be exactly what the generator renders for examples/cluster.yaml. */
class CommittedOutputTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void committedRulesAndDashboardsMatchTheRender() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        int compared = 0;
        for (Map.Entry<String, String> f : kit.entrySet()) {
            String committed = null;
            if (f.getKey().startsWith("prometheus/rules/")) {
                committed = "rules/" + f.getKey().substring("prometheus/rules/".length());
            } else if (f.getKey().startsWith(Dashboards.DIR)) {
                committed = "dashboards/" + f.getKey().substring(Dashboards.DIR.length());
            }
            if (committed != null) {
                Path p = REPO.resolve(committed);
                assertThat(p).as("%s is missing; run accelmon render on examples/cluster.yaml and copy it", committed)
                        .exists();
                assertThat(Files.readString(p)).as("%s drifted from the generator's output", committed)
                        .isEqualTo(f.getValue());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(7);
        try (Stream<Path> s = Files.list(REPO.resolve("dashboards"))) {
            assertThat(s.count()).as("no stale dashboards").isEqualTo(5);
        }
    }
}
