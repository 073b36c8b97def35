package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Structural checks on every rendered dashboard (the expressions themselves are parsed by promtool in PromtoolIT). */
class DashboardStructureTest {

    static final Set<String> TYPES = Set.of("timeseries", "stat", "table", "row");

    @Test
    void dashboardsAreWellFormed() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(CommittedOutputTest.REPO.resolve("examples/cluster.yaml")));
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        int boards = 0;
        for (Map.Entry<String, String> f : kit.entrySet()) {
            if (!f.getKey().startsWith(Dashboards.DIR)) {
                continue;
            }
            boards++;
            JsonNode d = json.readTree(f.getValue());
            String where = f.getKey();
            assertThat(d.path("schemaVersion").asInt()).as(where).isGreaterThanOrEqualTo(38);
            assertThat(uids.add(d.path("uid").asText())).as("unique uid " + where).isTrue();
            List<String> vars = new ArrayList<>();
            d.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
            assertThat(vars).as(where).contains("datasource", "server", "instance");
            Set<Integer> ids = new HashSet<>();
            List<int[]> boxes = new ArrayList<>();
            int targets = 0;
            for (JsonNode p : d.path("panels")) {
                String panel = where + " panel '" + p.path("title").asText() + "'";
                assertThat(ids.add(p.path("id").asInt())).as("unique id: " + panel).isTrue();
                assertThat(p.path("type").asText()).as(panel).isIn(TYPES);
                JsonNode g = p.path("gridPos");
                int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
                assertThat(box[0] + box[2]).as("fits 24 columns: " + panel).isLessThanOrEqualTo(24);
                assertThat(box[2]).as(panel).isPositive();
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    assertThat(overlap).as("gridPos overlaps: " + panel).isFalse();
                }
                boxes.add(box);
                if (p.path("type").asText().equals("row")) {
                    continue;
                }
                assertDatasource(p.path("datasource"), panel);
                assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as("unit: " + panel)
                        .isNotEmpty();
                assertThat(p.path("targets").size()).as(panel).isPositive();
                for (JsonNode t : p.path("targets")) {
                    assertDatasource(t.path("datasource"), panel);
                    assertThat(t.path("expr").asText()).as("expr: " + panel).isNotBlank();
                    targets++;
                }
            }
            assertThat(targets).as(where).isGreaterThan(5);
        }
        assertThat(boards).isEqualTo(5);
    }

    private static void assertDatasource(JsonNode ds, String where) {
        assertThat(ds.path("type").asText()).as(where).isEqualTo("prometheus");
        assertThat(ds.path("uid").asText()).as(where)
                .isIn("${datasource}", "$datasource", GrafanaProvisioning.DATASOURCE_UID);
    }
}
