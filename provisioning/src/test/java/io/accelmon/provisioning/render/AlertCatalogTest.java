package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.provisioning.spec.AlertCatalog;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.PromDuration;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog is the one list of alerts: the rules render exactly its names and defaults, the runbooks cover it. */
class AlertCatalogTest {

    @Test
    void renderedRulesAreExactlyTheCatalogWithItsDefaultFor() throws Exception {
        // examples/local-cluster.yaml sets no for_overrides and no for_scale.
        var spec = ClusterSpecLoader.load(CommittedOutputTest.REPO.resolve("examples/local-cluster.yaml"));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(AlertRules.render(spec).get(AlertRules.PATH));
        Set<String> rendered = new LinkedHashSet<>();
        int checked = 0;
        for (JsonNode g : rules.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                String name = r.path("alert").asText();
                rendered.add(name);
                AlertCatalog a = AlertCatalog.named(name).orElseThrow(() -> new AssertionError(name + " not in the catalog"));
                assertThat(a.alertName()).isEqualTo(name);
                PromDuration expected = a.defaultFor();
                assertThat(r.path("for").isMissingNode() ? "0s" : r.path("for").asText())
                        .as("for: of %s", name).isEqualTo(expected.toString());
                checked++;
            }
        }
        assertThat(rendered).containsExactlyElementsOf(AlertCatalog.names());
        assertThat(checked).isGreaterThan(AlertCatalog.values().length);
    }

    @Test
    void everyCatalogAlertHasARunbookSection() throws Exception {
        String runbooks = Files.readString(CommittedOutputTest.REPO.resolve("docs/runbooks.md"));
        for (String name : AlertCatalog.names()) {
            assertThat(runbooks).as("docs/runbooks.md section for %s", name).contains("\n## " + name + "\n");
        }
    }
}
