package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers of one role written as a range, on their own loopback addresses (127.0.0.2, .3, .4): the real
 * Prometheus scrapes the rendered kit through file_sd, {@code check} names every server and reports the one nobody
 * scrapes yet as MISSING, and growing the range re-renders one targets file that Prometheus picks up without a
 * reload or restart. The 1,000-server example passes {@code promtool check config}.
 */
class FleetIT {

    private static final Pattern RELOAD = Pattern.compile(
            "(?m)^prometheus_config_last_reload_success_timestamp_seconds (\\S+)$");

    @Test
    void aRangeIsScrapedCheckedPerServerAndGrowsWithoutARestart(@TempDir Path tmp) throws Exception {
        int port = FreePorts.next();
        Path two = Files.writeString(tmp.resolve("two.yaml"), cluster(port, "trs-[1:2]", "127.0.0.[2:3]"));
        Path three = Files.writeString(tmp.resolve("three.yaml"), cluster(port, "trs-[1:3]", "127.0.0.[2:4]"));
        Path kit = tmp.resolve("kit");
        CommandRun render = CommandRun.of("render", "--cluster", two.toString(), "--out", kit.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        Path config = kit.resolve("prometheus/prometheus.yml");
        assertThat(promtool("check", "config", config.toString())).contains("SUCCESS");
        List<JavaProcess> exporters = new ArrayList<>();
        try {
            for (String address : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                exporters.add(JavaProcess.launch("node_exporter " + address, List.of("prometheus-node-exporter",
                        "--web.listen-address=" + address + ":" + port, "--collector.disable-defaults",
                        "--collector.loadavg", "--collector.meminfo", "--collector.stat", "--collector.time"),
                        Map.of(), tmp.resolve("node-" + address + ".log")));
            }
            for (int i = 0; i < exporters.size(); i++) {
                exporters.get(i).ready("http://127.0.0.%d:%d/metrics".formatted(i + 1, port));
            }
            try (RealPrometheus prom = RealPrometheus.startWithConfigFile(tmp.resolve("prom"), config)) {
                prom.awaitQuery("count(up{job=\"node-training\"} == 1) == 2", r -> r.size() == 1, Duration.ofSeconds(60));
                String reloadedAt = reloadTimestamp(prom);

                CommandRun before = CommandRun.of("check", "--prometheus", prom.url(), "--cluster", three.toString());
                assertThat(before.exitCode()).as(before.err()).isEqualTo(1);
                assertThat(before.out()).contains("[server] trs-1 (role training", "[server] trs-2 (role training")
                        .containsPattern("\\[server] trs-3 \\(role training[^\\n]*- MISSING")
                        .doesNotContainPattern("\\[server] trs-[12] [^\\n]*MISSING");

                render = CommandRun.of("render", "--cluster", three.toString(), "--out", kit.toString());
                assertThat(render.exitCode()).as(render.err()).isZero();
                prom.awaitQuery("up{server_name=\"trs-3\", server=\"training\", instance=\"127.0.0.4:" + port + "\"} == 1",
                        r -> r.size() == 1, Duration.ofSeconds(60));
                CommandRun after = CommandRun.of("check", "--prometheus", prom.url(), "--cluster", three.toString());
                assertThat(after.out()).doesNotContain("MISSING")
                        .containsPattern("\\[server] trs-3 \\(role training[^\\n]*- reachable")
                        .contains("summary: 4 servers");
                assertThat(reloadTimestamp(prom)).as("file_sd, not a reload").isEqualTo(reloadedAt);
            }
        } finally {
            exporters.forEach(JavaProcess::close);
        }
    }

    @Test
    void theThousandServerExampleLoadsInPromtool(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        CommandRun render = CommandRun.of("render", "--cluster", RepoRoot.resolve("examples/fleet-cluster.yaml").toString(),
                "--out", kit.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        try (var targets = Files.list(kit.resolve("prometheus/targets"))) {
            assertThat(targets.count()).isGreaterThanOrEqualTo(4);
        }
        assertThat(promtool("check", "config", kit.resolve("prometheus/prometheus.yml").toString()))
                .contains("SUCCESS").doesNotContain("FAILED");
    }

    private static String cluster(int port, String names, String addresses) {
        return """
                cluster: {name: fleet, location: lab}
                intervals: {scrape: 1s, evaluation: 1s, scrape_timeout: 1s}
                security: {insecure: true}
                servers:
                  - {name: hub, hostname: CRS, address: 127.0.0.1, exporters: {node: {port: %d}}}
                  - name: %s
                    role: training
                    address: %s
                    exporters: {node: {port: %d}}
                """.formatted(port, names, addresses, port);
    }

    private static String reloadTimestamp(RealPrometheus prom) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(prom.url() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = RELOAD.matcher(body);
        assertThat(m.find()).as("reload timestamp in Prometheus' own metrics").isTrue();
        return m.group(1);
    }

    private static String promtool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("promtool"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
