package io.accelmon.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.core.testing.JavaProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real prometheus-node-exporter and node-collector scrape the same machine; every family of the compatibility list must carry
 * the same name, type and label names in both (values differ).
 */
class NodeCompatibilityIT {

    static final Path JAR = Path.of("target/node-collector.jar");

    static final List<String> FAMILIES = List.of(
            "node_cpu_seconds_total", "node_load1", "node_load5", "node_load15",
            "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes", "node_memory_MemFree_bytes",
            "node_memory_Buffers_bytes", "node_memory_Cached_bytes", "node_memory_SwapTotal_bytes",
            "node_memory_SwapFree_bytes",
            "node_filesystem_size_bytes", "node_filesystem_avail_bytes", "node_filesystem_free_bytes",
            "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_readonly",
            "node_filesystem_device_error",
            "node_disk_read_bytes_total", "node_disk_written_bytes_total", "node_disk_reads_completed_total",
            "node_disk_writes_completed_total", "node_disk_io_time_seconds_total",
            "node_network_receive_bytes_total", "node_network_receive_packets_total",
            "node_network_receive_errs_total", "node_network_receive_drop_total",
            "node_network_transmit_bytes_total", "node_network_transmit_packets_total",
            "node_network_transmit_errs_total", "node_network_transmit_drop_total",
            "node_boot_time_seconds", "node_time_seconds", "node_uname_info", "node_os_info", "node_os_version",
            "node_textfile_scrape_error", "node_textfile_mtime_seconds",
            "node_context_switches_total", "node_forks_total", "node_procs_running",
            "node_scrape_collector_success", "node_scrape_collector_duration_seconds",
            "process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
            "process_start_time_seconds", "process_open_fds", "process_max_fds",
            "node_selinux_enabled", "node_selinux_config_mode", "node_selinux_current_mode");

    @TempDir
    Path tmp;

    @Test
    void sameNamesTypesAndLabelNamesAsNodeExporter() throws Exception {
        Path textfiles = Files.createDirectories(tmp.resolve("textfile"));
        Files.writeString(textfiles.resolve("it.prom"), "# TYPE accelmon_it_marker gauge\naccelmon_it_marker 1\n");
        int nePort = FreePorts.next();
        int ncPort = FreePorts.next();
        Process nodeExporter = new ProcessBuilder(List.of(nodeExporterBinary(),
                "--web.listen-address=127.0.0.1:" + nePort, "--collector.textfile.directory=" + textfiles))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("node_exporter.log").toFile()).start();
        try (JavaProcess nc = JavaProcess.startJar(JAR, tmp.resolve("nc.log"), ncPort,
                List.of("--web.listen-address=127.0.0.1:" + ncPort, "--collector.textfile.directory=" + textfiles))) {
            awaitPort(nodeExporter, nePort);
            Exposition expected = Exposition.scrape(nePort);
            Exposition actual = Exposition.scrape(ncPort);

            SoftAssertions soft = new SoftAssertions();
            List<String> compared = new ArrayList<>();
            for (String family : FAMILIES) {
                if (!expected.has(family)) {
                    continue; // e.g. no block device in a container: node_exporter omits the family too
                }
                compared.add(family);
                soft.assertThat(actual.has(family)).as(family + " present").isTrue();
                soft.assertThat(actual.types().get(family)).as(family + " type")
                        .isEqualTo(expected.types().get(family));
                soft.assertThat(actual.labelNames().get(family)).as(family + " label names")
                        .isEqualTo(expected.labelNames().get(family));
            }
            soft.assertAll();
            assertThat(compared).contains("node_cpu_seconds_total", "node_load5", "node_memory_MemAvailable_bytes",
                    "node_filesystem_avail_bytes", "node_network_receive_bytes_total", "node_uname_info",
                    "node_os_info", "node_textfile_scrape_error", "node_textfile_mtime_seconds");
            assertThat(actual.text()).contains("accelmon_it_marker 1").contains("node_textfile_scrape_error 0");
        } finally {
            nodeExporter.destroy();
            nodeExporter.waitFor();
        }
    }

    /** Collectors both read from the fixture tree alone (not the live clock, statvfs or uname). */
    static final List<String> TREE_COLLECTORS = List.of("cpu", "loadavg", "meminfo", "diskstats", "netdev", "stat",
            "pressure", "vmstat", "filefd", "entropy", "netstat", "sockstat", "netclass", "edac", "thermal_zone", "os",
            "time", "cpufreq", "schedstat", "softnet", "hwmon", "infiniband", "nvme", "mdadm", "bonding", "arp",
            "udp_queues", "rapl", "dmi", "nfs", "nfsd", "powersupplyclass", "xfs", "fibrechannel", "tapestats",
            "bcache", "btrfs", "ipvs", "zfs");

    /**
     * Both exporters on the committed fixture tree with the same explicit flags (Debian's package changes some
     * defaults; netstat's field list grew after 1.5): every sample node_exporter serves must be served by
     * node-collector with the same family type, labels and value.
     */
    @Test
    void sameTypesLabelsAndValuesOnTheFixtureTree() throws Exception {
        Path tree = Path.of("src/test/resources/fixtures/tree").toAbsolutePath();
        List<String> common = new ArrayList<>(List.of("--path.procfs=" + tree.resolve("proc"),
                "--path.sysfs=" + tree.resolve("sys"), "--path.rootfs=" + tree.resolve("root"),
                "--path.udev.data=" + tree.resolve("udev"), "--collector.disable-defaults",
                "--collector.netdev.device-exclude=^$",
                "--collector.netstat.fields=" + io.accelmon.node.collect.NetstatCollector.DEFAULT_FIELDS,
                "--collector.vmstat.fields=" + io.accelmon.node.collect.VmstatCollector.DEFAULT_FIELDS,
                "--collector.cpu.info", "--collector.stat.softirq"));
        TREE_COLLECTORS.forEach(c -> common.add("--collector." + c));
        int nePort = FreePorts.next();
        int ncPort = FreePorts.next();
        List<String> neArgs = new ArrayList<>(List.of(nodeExporterBinary(), "--web.listen-address=127.0.0.1:" + nePort,
                "--no-collector.netdev.netlink")); // 1.5 reads netdev over netlink (the live host) by default
        neArgs.addAll(common);
        Process nodeExporter = new ProcessBuilder(neArgs).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("node_exporter.log").toFile()).start();
        List<String> ncArgs = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:" + ncPort));
        ncArgs.addAll(common);
        try (JavaProcess nc = JavaProcess.startJar(JAR, tmp.resolve("nc.log"), ncPort, ncArgs)) {
            awaitPort(nodeExporter, nePort);
            Exposition expected = Exposition.scrape(nePort);
            Exposition actual = Exposition.scrape(ncPort);
            java.util.Map<String, Double> want = expected.samples();
            java.util.Map<String, Double> got = actual.samples();
            SoftAssertions soft = new SoftAssertions();
            int compared = 0;
            for (java.util.Map.Entry<String, Double> e : want.entrySet()) {
                String key = e.getKey();
                if (key.startsWith("go_") || key.startsWith("process_") || key.startsWith("promhttp_")
                        || key.startsWith("node_exporter_build_info")
                        || key.startsWith("node_scrape_collector_duration_seconds")
                        || key.startsWith("node_time_seconds")) { // the live clock, a few ms apart
                    continue;
                }
                compared++;
                soft.assertThat(got).as("sample " + key).containsKey(key);
                if (got.containsKey(key)) {
                    soft.assertThat(got.get(key)).as("value of " + key)
                            .isCloseTo(e.getValue(), org.assertj.core.data.Percentage.withPercentage(1e-9));
                }
                String family = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                String type = expected.types().get(family);
                if (type != null) {
                    soft.assertThat(actual.types().get(family)).as("type of " + family).isEqualTo(type);
                }
            }
            soft.assertAll();
            assertThat(compared).as("samples compared").isGreaterThan(1000);
            for (String prefix : List.of("node_bcache_", "node_btrfs_", "node_ipvs_", "node_zfs_arc_",
                    "node_zfs_zpool_dataset_", "node_zfs_zpool_state")) {
                assertThat(want.keySet()).as("node_exporter serves " + prefix + "* from the tree")
                        .anyMatch(k -> k.startsWith(prefix));
            }
        } finally {
            nodeExporter.destroy();
            nodeExporter.waitFor();
        }
    }

    static String nodeExporterBinary() {
        for (String candidate : List.of("/usr/bin/prometheus-node-exporter", "/usr/local/bin/node_exporter")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "prometheus-node-exporter";
    }

    static void awaitPort(Process process, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("node_exporter exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("node_exporter not listening on " + port);
    }
}
