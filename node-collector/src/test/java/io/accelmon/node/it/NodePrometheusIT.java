package io.accelmon.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's real Prometheus scrapes node-collector as the example cluster's node-inference job and runs the example cluster's queries. */
class NodePrometheusIT {

    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    void seedQueriesTextfileAndUsersThroughRealPrometheus() throws Exception {
        Path textfiles = Files.createDirectories(tmp.resolve("textfile"));
        Files.writeString(textfiles.resolve("backup.prom"),
                "# HELP accelmon_it_backup_ok Whether the last backup worked.\n# TYPE accelmon_it_backup_ok gauge\n"
                        + "accelmon_it_backup_ok{db=\"main\"} 1\n");
        int port = FreePorts.next();
        try (JavaProcess nc = JavaProcess.startJar(NodeCompatibilityIT.JAR, tmp.resolve("nc.log"), port,
                List.of("--web.listen-address=127.0.0.1:" + port, "--collector.users",
                        "--collector.textfile.directory=" + textfiles));
             RealPrometheus prom = RealPrometheus.start(tmp.resolve("prometheus"), """
                     global:
                       scrape_interval: 1s
                       scrape_timeout: 1s
                       evaluation_interval: 1s
                     scrape_configs:
                       - job_name: node-inference
                         static_configs:
                           - targets: ['127.0.0.1:%d']
                             labels:
                               server: inference
                               hostname: PIS
                               location: singapore
                               ip: 127.0.0.1
                     """.formatted(port))) {
            prom.awaitTargetsUp(1, WAIT);
            JsonNode up = prom.awaitSeries("up{job=\"node-inference\"}", WAIT);
            assertThat(up.get(0).path("metric").path("hostname").asText()).isEqualTo("PIS");
            assertThat(up.get(0).path("metric").path("location").asText()).isEqualTo("singapore");
            for (String query : List.of(
                    "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\",job=\"node-inference\"}[5m])) * 100)",
                    "node_memory_MemAvailable_bytes{job=\"node-inference\"} / node_memory_MemTotal_bytes{job=\"node-inference\"} * 100",
                    "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100",
                    "node_load5 / count without(cpu, mode) (node_cpu_seconds_total{mode=\"idle\"})",
                    "accelmon_it_backup_ok{job=\"node-inference\",db=\"main\"} == 1",
                    "node_textfile_scrape_error{job=\"node-inference\"} == 0",
                    "accelmon_user_processes{job=\"node-inference\"} > 0",
                    "accelmon_user_resident_memory_bytes{job=\"node-inference\"} > 0",
                    "accelmon_user_cpu_seconds_total{job=\"node-inference\"}")) {
                JsonNode result = prom.awaitSeries(query, WAIT);
                assertThat(result.size()).as(query).isPositive();
            }
            JsonNode cpuBusy = prom.query(
                    "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\",job=\"node-inference\"}[5m])) * 100)");
            double busy = Double.parseDouble(cpuBusy.get(0).path("value").get(1).asText());
            assertThat(busy).isBetween(0.0, 100.0);

            Files.writeString(textfiles.resolve("broken.prom"), "this is { not the text format\n");
            prom.awaitSeries("node_textfile_scrape_error{job=\"node-inference\"} == 1", WAIT);
            // a broken textfile fails neither the scrape nor the other files' series
            prom.awaitQuery("up{job=\"node-inference\"} == 1", r -> r.size() == 1, WAIT);
            prom.awaitQuery("accelmon_it_backup_ok{job=\"node-inference\"}", r -> r.size() == 1, WAIT);
        }
    }
}
