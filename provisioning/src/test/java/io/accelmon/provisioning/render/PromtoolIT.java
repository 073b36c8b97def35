package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.provisioning.kit.KitWriter;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real promtool and amtool on the rendered kit, the committed promtool unit tests, every dashboard query. */
class PromtoolIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void realToolsAcceptTheRenderedKit(@TempDir Path tmp) throws Exception {
        for (String example : List.of("examples/cluster.yaml", "examples/local-cluster.yaml")) {
            Path out = tmp.resolve(Path.of(example).getFileName().toString() + "-kit");
            Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve(example)));
            KitWriter.write(kit, out);
            assertThat(run("promtool", "check", "config", "--syntax-only", out.resolve("prometheus/prometheus.yml").toString()))
                    .contains("SUCCESS");
            assertThat(run("promtool", "check", "rules", out.resolve("prometheus/rules/alerts.yml").toString(),
                    out.resolve("prometheus/rules/records.yml").toString())).contains("SUCCESS: 27 rules found",
                    "SUCCESS: 16 rules found");
            assertThat(run("amtool", "check-config", out.resolve("alertmanager/alertmanager.yml").toString()))
                    .contains("SUCCESS", "1 inhibit rules");
        }
    }

    @Test
    void committedRuleUnitTestsPass() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> s = Files.list(REPO.resolve("rules/tests"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> cmd.add(p.toString()));
        }
        assertThat(cmd).hasSizeGreaterThanOrEqualTo(5);
        assertThat(run(cmd.toArray(String[]::new))).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyDashboardQueryParses(@TempDir Path tmp) throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        List<String> exprs = dashboardExpressions(kit);
        assertThat(exprs).hasSizeGreaterThan(80);
        List<Object> rules = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            rules.add(Map.of("record", "dashboard:query_" + i + ":parse", "expr", exprs.get(i)));
        }
        Path file = tmp.resolve("queries.yml");
        Files.writeString(file, Documents.yaml(null,
                Map.of("groups", List.of(Map.of("name", "dashboard-queries", "rules", rules)))));
        assertThat(run("promtool", "check", "rules", file.toString())).contains("SUCCESS: " + exprs.size() + " rules");
    }

    /** Every target and variable query of every dashboard, with Grafana's variables replaced by valid PromQL. */
    static List<String> dashboardExpressions(Map<String, String> kit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : kit.entrySet()) {
            if (!f.getKey().startsWith(Dashboards.DIR)) {
                continue;
            }
            JsonNode d = json.readTree(f.getValue());
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    out.add(substitute(t.path("expr").asText()));
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                String q = v.path("definition").asText();
                if (q.startsWith("label_values(")) {
                    out.add(substitute(q.substring("label_values(".length(), q.lastIndexOf(','))));
                }
            }
        }
        return out;
    }

    static String substitute(String expr) {
        return expr.replace("$role", ".+").replace("$server", ".+").replace("$instance", ".+").replace("$__rate_interval", "1m")
                .replace("$__range", "1h").replace("$__interval", "15s");
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}
