package io.accelmon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.cli.ExporterCommandLine;
import io.accelmon.core.scrape.SourceCollector;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeCollectorMainTest {

    private static java.util.List<String> collectors(String... args) {
        NodeCollectorMain main = new NodeCollectorMain();
        new CommandLine(main.commandSpec()).parseArgs(args);
        return main.collectors().stream().map(SourceCollector::name).toList();
    }

    @Test
    void defaultsAreNodeExportersAndUsersIsOptIn() {
        assertThat(collectors()).containsExactlyInAnyOrder("arp", "bonding", "conntrack", "cpu", "cpufreq",
                "diskstats", "dmi", "edac", "entropy", "fibrechannel", "filefd", "filesystem", "hwmon", "infiniband", "loadavg", "mdadm",
                "meminfo", "netclass", "netdev", "netstat", "nfs", "nfsd", "nvme", "os", "powersupplyclass", "pressure", "rapl", "schedstat", "sockstat",
                "softnet", "stat", "tapestats", "textfile", "thermal_zone", "time", "timex", "udp_queues", "uname", "vmstat", "xfs",
                "bcache", "bcachefs", "btrfs", "dmmultipath", "ipvs", "kernel_hung", "selinux", "watchdog", "zfs");
        assertThat(collectors("--collector.users")).contains("users");
    }

    @Test
    void switchesTurnCollectorsOffAndOn() {
        assertThat(collectors("--no-collector.cpu", "--no-collector.textfile")).doesNotContain("cpu", "textfile")
                .contains("meminfo");
        assertThat(collectors("--collector.disable-defaults", "--collector.cpu", "--collector.users"))
                .containsExactly("cpu", "users");
    }

    @Test
    void unknownFlagExitsWithTwo() {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new java.io.ByteArrayOutputStream()));
            assertThat(ExporterCommandLine.execute("node-collector", new NodeCollectorMain().commandSpec(),
                    new String[] {"--collector.bogus"})).isEqualTo(2);
            assertThat(ExporterCommandLine.execute("node-collector", new NodeCollectorMain().commandSpec(),
                    new String[] {"--collector.filesystem.mount-timeout=abc"})).isEqualTo(2);
            assertThat(ExporterCommandLine.execute("node-collector", new NodeCollectorMain().commandSpec(),
                    new String[] {"--collector.ipvs.backend-labels=proto,vip"})).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
    }
}
