package io.accelmon.provisioning.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.RealPrometheus;
import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.render.PrometheusConfig;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling beyond one Prometheus with real programs: a cluster whose {@code scale_out} asks for 2 shards and a
 * {@code remote_write} receiver is rendered; the two {@code prometheus-shard-<i>.yml} run as real {@code prometheus}
 * against eight loopback targets (in-test HTTP servers serving a one-line metrics page), and a third
 * {@code prometheus --web.enable-remote-write-receiver} receives what both write. The shards must split the targets
 * into two disjoint, non-empty halves covering all of them, and the receiver's {@code up} must hold every target
 * exactly once, labelled with the shard that scraped it.
 */
class ShardingIT {

    static final int SHARDS = 2;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final List<HttpServer> targets = new ArrayList<>();
    final List<RealPrometheus> proms = new ArrayList<>();

    @Test
    void twoShardsSplitTheTargetsAndRemoteWriteEachOnce(@TempDir Path tmp) throws Exception {
        try {
            // 8 targets: prometheus-hub, alertmanager-hub, node-{hub,w1,w2,w3}, gpu-w1, api-w2. Ports are re-drawn
            // until hashmod (computed as Prometheus does) puts at least one target in each shard, so the split is
            // never trivially "everything in one shard".
            startTargets(8);
            RealPrometheus receiver = RealPrometheus.start(tmp.resolve("receiver"),
                    "global:\n  scrape_interval: 1s\nscrape_configs: []\n", "--web.enable-remote-write-receiver");
            proms.add(receiver);

            Path cluster = tmp.resolve("cluster.yaml");
            Files.writeString(cluster, clusterYaml(receiver.port()));
            Path kit = tmp.resolve("kit");
            KitWriter.write(Kit.render(ClusterSpecLoader.load(cluster)), kit);
            Set<String> all = expectedTargets();
            assertThat(all).hasSize(8);

            List<RealPrometheus> shards = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                Path config = kit.resolve(PrometheusConfig.shardPath(i));
                assertThat(config).exists();
                RealPrometheus shard = RealPrometheus.startWithConfigFile(tmp.resolve("shard-" + i), config);
                proms.add(shard);
                shards.add(shard);
            }

            // (a) Each shard scrapes a non-empty subset; the subsets are disjoint and together cover every target.
            // Prometheus applies discovered targets a few seconds after start, so wait until all are assigned.
            List<Set<String>> active = awaitAssigned(shards, all.size(), Duration.ofSeconds(20));
            Map<String, Integer> shardOf = new HashMap<>();
            List<Set<String>> scraped = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                Set<String> mine = active.get(i);
                assertThat(mine).as("targets of shard %d", i).isNotEmpty();
                for (String t : mine) {
                    assertThat(shardOf.put(t, i)).as("%s is scraped by more than one shard", t).isNull();
                    assertThat(hashmod(t.substring(t.indexOf(' ') + 1), SHARDS)).as("hashmod of %s", t).isEqualTo(i);
                }
                shards.get(i).awaitTargetsUp(mine.size(), Duration.ofSeconds(20));
                scraped.add(mine);
            }
            assertThat(shardOf.keySet()).as("union of the shards' targets").isEqualTo(all);
            assertThat(scraped.get(0)).doesNotContainAnyElementsOf(scraped.get(1));

            // (b) Both shards remote-write into the receiver; its `up` holds every target exactly once, with the
            // external labels of the shard that scraped it.
            // up of every target, each 1: a single scrape past the 1 s timeout on a loaded machine writes a 0
            JsonNode up = receiver.awaitQuery("up", r -> r.size() >= all.size()
                    && StreamSupport.stream(r.spliterator(), false)
                            .allMatch(series -> series.path("value").get(1).asText().equals("1")),
                    Duration.ofSeconds(30));
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode series : up) {
                JsonNode m = series.path("metric");
                String key = m.path("job").asText() + " " + m.path("instance").asText();
                seen.merge(key, 1, Integer::sum);
                assertThat(m.path("shard").asText()).as("shard label of %s", key)
                        .isEqualTo(Integer.toString(shardOf.getOrDefault(key, -1)));
                assertThat(m.path("cluster").asText()).isEqualTo("sharded");
                assertThat(m.path("location").asText()).isEqualTo("singapore");
                assertThat(series.path("value").get(1).asText()).as("up of %s", key).isEqualTo("1");
            }
            assertThat(seen.keySet()).isEqualTo(all);
            assertThat(seen.values()).as("series per target in the receiver").containsOnly(1);
            assertThat(receiver.query("count(count by (shard) (up))").get(0).path("value").get(1).asText())
                    .isEqualTo(Integer.toString(SHARDS));
        } finally {
            for (RealPrometheus p : proms) {
                p.close();
            }
            targets.forEach(t -> t.stop(0));
        }
    }

    /** "job instance" of every target the cluster file names. */
    private Set<String> expectedTargets() {
        String[] jobs = {"prometheus-hub", "alertmanager-hub", "node-hub", "node-w1", "node-w2", "node-w3", "gpu-w1",
                "api-w2"};
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < jobs.length; i++) {
            all.add(jobs[i] + " " + address(i));
        }
        return all;
    }

    private String clusterYaml(int receiverPort) {
        return """
                cluster: {name: sharded, location: singapore}
                intervals: {scrape: 1s, evaluation: 1s, scrape_timeout: 1s}
                hub: {server: hub, prometheus_port: %d, alertmanager_port: %d, alertmanager_cluster_port: %d, grafana_port: %d}
                servers:
                  - {name: hub, hostname: CRS, address: 127.0.0.1, exporters: {node: {port: %d}}}
                  - {name: w1, hostname: TRS, address: 127.0.0.1, exporters: {node: {port: %d}, gpu: {port: %d}}}
                  - {name: w2, hostname: PIS, address: 127.0.0.1, exporters: {node: {port: %d}}}
                  - {name: w3, hostname: W3, address: 127.0.0.1, exporters: {node: {port: %d}}}
                api_services:
                  - {name: demo, server: w2, port: %d}
                alerting:
                  receivers:
                    - {name: hook, type: webhook, url: "http://%s/hook"}
                  routes: {critical: [hook], warning: [hook]}
                  default_receiver: hook
                scale_out:
                  shards: %d
                  remote_write:
                    - {name: receiver, url: "http://127.0.0.1:%d/api/v1/write"}
                """.formatted(port(0), port(1), FreePorts.next(), FreePorts.next(), port(2), port(3), port(6), port(4),
                port(5), port(7), address(1), SHARDS, receiverPort);
    }

    /** Polls every shard's active targets until together they number at least {@code count}. */
    private List<Set<String>> awaitAssigned(List<RealPrometheus> shards, int count, Duration max)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<Set<String>> active = new ArrayList<>();
            int total = 0;
            for (RealPrometheus shard : shards) {
                Set<String> mine = activeTargets(shard);
                active.add(mine);
                total += mine.size();
            }
            if (total >= count || System.nanoTime() > deadline) {
                return active;
            }
            Thread.sleep(250);
        }
    }

    private Set<String> activeTargets(RealPrometheus shard) throws IOException, InterruptedException {
        Set<String> out = new HashSet<>();
        for (JsonNode t : shard.api("targets?state=active").path("data").path("activeTargets")) {
            out.add(t.path("labels").path("job").asText() + " " + t.path("labels").path("instance").asText());
        }
        return out;
    }

    private void startTargets(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            targets.add(target(i));
        }
        int[] perShard = new int[SHARDS];
        for (int attempt = 0; attempt < 20; attempt++) {
            java.util.Arrays.fill(perShard, 0);
            for (int i = 0; i < count; i++) {
                perShard[hashmod(address(i), SHARDS)]++;
            }
            if (java.util.Arrays.stream(perShard).allMatch(n -> n > 0)) {
                return;
            }
            targets.get(count - 1).stop(0);
            targets.set(count - 1, target(count - 1));
        }
    }

    private static HttpServer target(int i) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
        byte[] page = ("# TYPE accelmon_sharding_target gauge\naccelmon_sharding_target{target=\"" + i + "\"} 1\n")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    private int port(int i) {
        return targets.get(i).getAddress().getPort();
    }

    private String address(int i) {
        return "127.0.0.1:" + port(i);
    }

    /** Prometheus' hashmod relabel action: the last 8 bytes of md5(value) as an unsigned big-endian long, mod n. */
    static int hashmod(String value, int modulus) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            long low = ByteBuffer.wrap(md5, 8, 8).getLong();
            return (int) Long.remainderUnsigned(low, modulus);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
