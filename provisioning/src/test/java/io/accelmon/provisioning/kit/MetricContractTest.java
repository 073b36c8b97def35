package io.accelmon.provisioning.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.render.PromtoolITAccess;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MetricContractTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aMisspelledMetricIsReportedWithTheExpressionReadingIt() {
        String typo = "avg by (instance) (gpu_utilisation{server=~\"training\"})";
        Map<String, String> unknown = MetricContract.unknownMetrics(
                List.of("avg(gpu_utilization)", typo, "sum(rate(api_requests_total{status=~\"5..\"}[5m]))"),
                Set.of("gpu_utilization", "api_requests_total"), Set.of());
        assertThat(unknown).containsExactly(Map.entry("gpu_utilisation", typo));
    }

    @Test
    void labelsFunctionsKeywordsAndNumbersAreNotMetrics() {
        assertThat(MetricContract.metrics("histogram_quantile(0.95, sum by (le, instance) "
                + "(rate(api_request_duration_seconds_bucket{job=~\"api-.*\", server_name=\"x\"}[5m]))) > 1e3 "
                + "unless on(instance) up == 0 or vector(0) and time() - 1.5e2 > 0"))
                .containsExactly("api_request_duration_seconds_bucket", "up");
    }

    @Test
    void allowListedHardwareSeriesAndTheirHistogramPartsAreKnown() {
        assertThat(MetricContract.unknownMetrics(List.of("gpu_xid_errors_total", "accelmon_job_info",
                "rate(gpu_lost_count[1m])", "ALERTS{alertstate=\"firing\"}", "instance:x:rate5m"),
                Set.of(), Set.of("instance:x:rate5m"))).isEmpty();
    }

    @Test
    void onlyNodeExportersOwnNamesAreExemptFromPromtoolsLint() {
        assertThat(MetricContract.lintProblems("""
                node_memory_MemTotal_bytes metric names should be written in 'snake_case' not 'camelCase'
                node_entropy_available_bits use base unit "bytes" instead of "bits"
                gpu_energy_joules counter metrics should have "_total" suffix
                """)).isEqualTo("gpu_energy_joules counter metrics should have \"_total\" suffix\n");
    }

    /** An allow-list entry must be a name its exporter's main code really writes, so the list cannot hold a typo. */
    @Test
    void everyAllowListedSeriesIsInItsExportersCode() {
        Map<String, String> sources = new java.util.HashMap<>();
        MetricContract.HARDWARE_ONLY.forEach((metric, module) -> {
            String code = sources.computeIfAbsent(module, m -> mainSources(REPO.resolve(m).resolve("src/main")));
            List<String> spellings = new ArrayList<>(List.of(metric));
            for (String suffix : List.of("_total", "_info")) {
                if (metric.endsWith(suffix)) {
                    spellings.add(metric.substring(0, metric.length() - suffix.length()));
                }
            }
            assertThat(spellings).as("%s in %s's main sources", metric, module)
                    .anyMatch(s -> code.contains("\"" + s + "\""));
        });
    }

    @Test
    void everyAllowListedSeriesIsReadByTheKit() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        List<String> exprs = new ArrayList<>(PromtoolITAccess.dashboardExpressions(kit));
        exprs.addAll(KitPrometheusIT.ruleExpressions(kit.get("prometheus/rules/alerts.yml")));
        exprs.addAll(KitPrometheusIT.ruleExpressions(kit.get("prometheus/rules/records.yml")));
        assertThat(MetricContract.unusedAllowances(exprs)).isEmpty();
    }

    private static String mainSources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
