package io.accelmon.npu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NPU queries of the MindX DL dashboards (device status, cluster status, sample dashboard) answer on every
 * multi-chip capture: one exporter per capture in huawei naming, all scraped by one real Prometheus.
 */
class MindxDashboardQueriesIT {

    /** A multi-chip capture, how many chips it lists and what it has (hbm or ddr, procs). */
    private record Server(String capture, int chips, Set<String> has) {
    }

    private static final List<Server> SERVERS = List.of(
            new Server("npu-smi-info_910B3_8chips_procs-emptyname.txt", 8, Set.of("all", "hbm", "procs")),
            new Server("npu-smi-info_A3-Ascend910_2npu-4chips_procs.txt", 4, Set.of("all", "hbm", "procs")),
            new Server("npu-smi-info_310P3-Duo_4npu-8chips_critical_noprocs.txt", 8, Set.of("all", "ddr")),
            new Server("npu-smi-info_910B1_8chips_elided.txt", 3, Set.of("all", "hbm")),
            new Server("npu-smi-info_910B2_26.0.rc1-widelayout_2chips_proc-in-container.txt", 2,
                    Set.of("all", "hbm", "procs")));

    private record Query(String dashboard, String scope, String needs, String expr) {
    }

    @TempDir
    Path dir;

    @Test
    void every_dashboard_query_answers_on_every_multi_chip_capture() throws Exception {
        List<Query> queries = Files.readAllLines(Path.of("src/test/resources/mindx-dashboards/queries.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\\|", 4))
                .map(p -> new Query(p[0].trim(), p[1].trim(), p[2].trim(), p[3].trim())).toList();
        assertThat(queries).hasSizeGreaterThan(25);
        Map<String, Server> byInstance = new LinkedHashMap<>();
        List<JavaProcess> exporters = new ArrayList<>();
        try {
            StringBuilder targets = new StringBuilder();
            for (Server s : SERVERS) {
                int port = FreePorts.next();
                exporters.add(JavaProcess.startJar(Path.of("target/npu-exporter.jar").toAbsolutePath(),
                        dir.resolve(s.capture() + ".log"), port, Map.of("FAKE_NPU_SMI_CAPTURE", s.capture()),
                        List.of("--web.listen-address=127.0.0.1:" + port,
                                "--npu-smi.path=" + Path.of("src/test/fake/npu-smi").toAbsolutePath(),
                                "--npu-smi.timeout=5s", "--collection.interval=1s", "--backend=npu-smi",
                                "--metrics.naming=huawei", "--jobs.enabled=false")));
                byInstance.put("127.0.0.1:" + port, s);
                targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(port).append('\'');
            }
            try (RealPrometheus prom = RealPrometheus.start(dir.resolve("prom"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: npu
                        static_configs:
                          - targets: [%s]
                    """.formatted(targets))) {
                prom.awaitTargetsUp(SERVERS.size(), Duration.ofSeconds(60));
                // every card's slow reports have been read once: 8 cards at one card per 1 s cycle
                prom.awaitQuery("min(count by (instance) (npu_chip_info_aicore_current_freq))",
                        r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= 2, Duration.ofSeconds(60));
                for (Query q : queries) {
                    check(prom, q, byInstance);
                }
            }
        } finally {
            exporters.forEach(JavaProcess::close);
        }
    }

    private static void check(RealPrometheus prom, Query q, Map<String, Server> servers) throws Exception {
        String what = q.dashboard() + ": " + q.expr();
        if (q.needs().equals("dcmi")) {
            assertThat(prom.query(q.expr())).as(what + " is served by DCMI only, never guessed from npu-smi").isEmpty();
            return;
        }
        List<String> missing = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            missing = missing(prom.query(q.expr()), q, servers);
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertThat(missing).as(what).isEmpty();
    }

    /** What the result lacks for the scope the query declares, one line per server ("" for the whole cluster). */
    private static List<String> missing(JsonNode result, Query q, Map<String, Server> servers) {
        if (q.scope().equals("cluster")) {
            return result.size() > 0 ? List.of() : List.of("no series");
        }
        Map<String, Integer> perInstance = new TreeMap<>();
        result.forEach(r -> perInstance.merge(r.path("metric").path("instance").asText(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        servers.forEach((instance, s) -> {
            if (!s.has().contains(q.needs())) {
                return;
            }
            int n = perInstance.getOrDefault(instance, 0);
            int want = switch (q.scope()) {
                case "every-chip" -> s.chips();
                case "server" -> 1;
                default -> n > 0 ? n : 1;
            };
            if (n != want) {
                missing.add(s.capture() + ": " + n + " series, want " + want);
            }
        });
        return missing;
    }
}
