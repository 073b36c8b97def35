package io.accelmon.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import io.accelmon.core.testing.RealPrometheus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Prometheus scrapes node-collector on a copy of the fixture tree whose counters a writer thread advances like a
 * host in trouble (major page faults, a saturated disk, receive errors, file handles near the limit); the node-mixin
 * alert expressions (without their {@code for:}) must return a series, and the clock-sync ones must find their
 * inputs from the live adjtimex(2).
 */
class NodeMixinAlertsIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void nodeMixinAlertExpressionsFireOnScrapedData() throws Exception {
        Path tree = copy(Path.of("src/test/resources/fixtures/tree"), tmp.resolve("tree"));
        Path proc = tree.resolve("proc");
        replace(proc.resolve("sys/fs/file-nr"), "9100\t0\t10000\n");
        int port = FreePorts.next();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> advance(proc, running), "fixture-writer");
        writer.setDaemon(true);
        writer.start();
        try (JavaProcess nc = JavaProcess.startJar(NodeCompatibilityIT.JAR, tmp.resolve("nc.log"), port,
                List.of("--web.listen-address=127.0.0.1:" + port, "--path.procfs=" + proc,
                        "--path.sysfs=" + tree.resolve("sys"), "--path.rootfs=" + tree.resolve("root")));
             RealPrometheus prom = RealPrometheus.start(tmp.resolve("prometheus"), """
                     global:
                       scrape_interval: 1s
                       scrape_timeout: 1s
                       evaluation_interval: 1s
                     scrape_configs:
                       - job_name: node
                         static_configs:
                           - targets: ['127.0.0.1:%d']
                     """.formatted(port))) {
            prom.awaitTargetsUp(1, WAIT);
            for (String alert : List.of(
                    // NodeFileDescriptorLimit
                    "(node_filefd_allocated{job=\"node\"} * 100 / node_filefd_maximum{job=\"node\"} > 90)",
                    // NodeMemoryMajorPagesFaults
                    "rate(node_vmstat_pgmajfault{job=\"node\"}[1m]) > 500",
                    // NodeDiskIOSaturation
                    "rate(node_disk_io_time_weighted_seconds_total{job=\"node\", device!=\"\"}[1m]) > 10",
                    // NodeNetworkReceiveErrs
                    "rate(node_network_receive_errs_total{job=\"node\"}[1m]) / rate(node_network_receive_packets_total"
                            + "{job=\"node\"}[1m]) > 0.01",
                    // NodeClockNotSynchronising / NodeClockSkewDetected: their inputs, from adjtimex(2)
                    "min_over_time(node_timex_sync_status{job=\"node\"}[5m]) >= 0",
                    "node_timex_maxerror_seconds{job=\"node\"} >= 0",
                    "deriv(node_timex_offset_seconds{job=\"node\"}[5m]) > -1e9")) {
                JsonNode result = prom.awaitSeries(alert, WAIT);
                assertThat(result.size()).as(alert).isPositive();
            }
        } finally {
            running.set(false);
            writer.join(5000);
        }
    }

    /** Every 200 ms: +1000 major faults, +6 s weighted I/O time, +100 packets of which 10 errors on eth0. */
    private static void advance(Path proc, AtomicBoolean running) {
        long step = 0;
        try {
            while (running.get()) {
                step++;
                replace(proc.resolve("vmstat"), "pgfault " + (9_000_000 + step * 5000) + "\npgmajfault "
                        + (41_223 + step * 1000) + "\npswpin 0\n");
                replace(proc.resolve("diskstats"), " 259       0 nvme0n1 2230112 1201 401223312 812330 9120334 221330"
                        + " 1802334512 30112220 12 4123300 " + (31_202_330 + step * 6000) + " 120 0 2004800 1200 330112"
                        + " 277780\n");
                replace(proc.resolve("net/dev"), "Inter-|   Receive |  Transmit\n face |bytes packets errs drop fifo"
                        + " frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n  eth0: "
                        + (1_000_000 + step * 10_000) + " " + (10_000 + step * 100) + " " + (step * 10)
                        + " 0 0 0 0 0 1000 10 0 0 0 0 0 0\n");
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes next to the file and renames, so a scrape never reads half a file. */
    private static void replace(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
