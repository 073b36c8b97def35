package io.accelmon.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bcache, btrfs, zfs, ipvs, watchdog, kernel_hung and selinux: absent sources, malformed files, flags, edge cases. */
class StorageAndKernelCollectorsTest {

    @TempDir
    Path tmp;

    private ProcFiles empty() throws IOException {
        return new ProcFiles(Files.createDirectories(tmp.resolve("proc")), Files.createDirectories(tmp.resolve("sys")),
                Files.createDirectories(tmp.resolve("root")));
    }

    private static ProcFiles tree() {
        Path t = Path.of("src/test/resources/fixtures/tree");
        return new ProcFiles(t.resolve("proc"), t.resolve("sys"), t.resolve("root"));
    }

    /** Every sample as {@code name{labels}} to value. */
    private static Map<String, Double> samples(List<MetricSnapshot> families) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricSnapshot f : families) {
            for (DataPointSnapshot p : f.getDataPoints()) {
                StringBuilder key = new StringBuilder(f.getMetadata().getPrometheusName());
                p.getLabels().forEach(l -> key.append(key.indexOf("{") < 0 ? "{" : ",")
                        .append(l.getName()).append('=').append(l.getValue()));
                if (key.indexOf("{") >= 0) {
                    key.append('}');
                }
                double v = p instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue()
                        : p instanceof UnknownSnapshot.UnknownDataPointSnapshot u ? u.getValue()
                        : ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p)
                        .getValue();
                out.put(key.toString(), v);
            }
        }
        return out;
    }

    @Test
    void absentSourcesServeNothing() throws Exception {
        ProcFiles files = empty();
        for (SourceCollector c : List.of(new BcacheCollector(files, true), new BtrfsCollector(files),
                new ZfsCollector(files), new IpvsCollector(files, IpvsCollector.ALL_LABELS),
                new WatchdogCollector(files), new KernelHungCollector(files), new BcachefsCollector(files),
                new DmMultipathCollector(files))) {
            assertThat(c.collect()).as(c.name()).isEmpty();
        }
        assertThat(samples(new SelinuxCollector(files).collect())).containsExactly(Map.entry("node_selinux_enabled", 0.0));
    }

    @Test
    void malformedFilesFailWithTheFileName() throws Exception {
        ProcFiles files = empty();
        Files.createDirectories(files.proc("net"));
        Files.writeString(files.proc("net/ip_vs_stats"), "h\nh\n 1 2 zz 4 5\n\nrest\n");
        assertThatThrownBy(() -> new IpvsCollector(files, IpvsCollector.ALL_LABELS).collect())
                .hasMessageContaining("ip_vs_stats:3").hasMessageContaining("zz");
        Files.writeString(files.proc("net/ip_vs_stats"), "h\nh\n 1 2 3 4 5\n\nrest\n");
        Files.writeString(files.proc("net/ip_vs"), "TCP  0A000164 rr\n");
        assertThatThrownBy(() -> new IpvsCollector(files, IpvsCollector.ALL_LABELS).collect())
                .hasMessageContaining("ip_vs:1");
        Path zfs = Files.createDirectories(files.proc("spl/kstat/zfs"));
        Files.writeString(zfs.resolve("arcstats"), "1 1 0x01 2 96 1 2\nname type data\nhits 4 12\nmisses 4 x\n");
        assertThatThrownBy(() -> new ZfsCollector(files).collect()).hasMessageContaining("arcstats:4")
                .hasMessageContaining("'x'");
        Files.writeString(zfs.resolve("arcstats"), "no header\n");
        assertThatThrownBy(() -> new ZfsCollector(files).collect()).hasMessageContaining("arcstats");
        Path set = Files.createDirectories(files.sys().resolve("fs/bcache/0a-1b"));
        Files.writeString(set.resolve("btree_cache_size"), "lots\n");
        assertThatThrownBy(() -> new BcacheCollector(files, false).collect()).hasMessageContaining("btree_cache_size");
        Path wd = Files.createDirectories(files.sys().resolve("class/watchdog/watchdog0"));
        Files.writeString(wd.resolve("timeout"), "thirty\n");
        assertThatThrownBy(() -> new WatchdogCollector(files).collect()).hasMessageContaining("timeout");
        Files.createDirectories(files.proc("sys/kernel"));
        Files.writeString(files.proc("sys/kernel/hung_task_detect_count"), "?\n");
        assertThatThrownBy(() -> new KernelHungCollector(files).collect())
                .hasMessageContaining("hung_task_detect_count");
        Path fs = Files.createDirectories(files.sys().resolve("fs/btrfs/aa-bb/devices"));
        Files.writeString(fs.resolve("../commit_stats"), "commits 1 2\n");
        Files.createDirectories(fs.resolve("../features"));
        for (String t : List.of("data", "metadata", "system")) {
            Files.createDirectories(fs.resolve("../allocation/" + t));
        }
        assertThatThrownBy(() -> new BtrfsCollector(files).collect()).hasMessageContaining("commit_stats:1");
        Path bcachefs = Files.createDirectories(files.sys().resolve("fs/bcachefs/77-88/counters"));
        Files.writeString(bcachefs.resolve("io_read"), "since boot: 12\n");
        assertThatThrownBy(() -> new BcachefsCollector(files).collect()).hasMessageContaining("counters/io_read");
        Files.writeString(bcachefs.resolve("io_read"), "since filesystem creation: 1.2X\n");
        assertThatThrownBy(() -> new BcachefsCollector(files).collect()).hasMessageContaining("1.2X");
        Path dm = Files.createDirectories(files.sys().resolve("block/dm-3/dm"));
        Files.writeString(dm.resolve("uuid"), "mpath-36001\n");
        Files.writeString(dm.resolve("name"), "mpathb\n");
        Files.writeString(dm.resolve("suspended"), "maybe\n");
        assertThatThrownBy(() -> new DmMultipathCollector(files).collect()).hasMessageContaining("dm/suspended");
    }

    @Test
    void onlyMultipathDeviceMapperDevicesCount() throws Exception {
        ProcFiles files = empty();
        Path lvm = Files.createDirectories(files.sys().resolve("block/dm-0/dm"));
        Files.writeString(lvm.resolve("uuid"), "LVM-abc\n");
        Path crypt = Files.createDirectories(files.sys().resolve("block/dm-1"));
        Files.writeString(crypt.resolve("size"), "8\n"); // no dm/uuid at all
        assertThat(new DmMultipathCollector(files).collect()).isEmpty();
        assertThat(samples(new DmMultipathCollector(tree()).collect()).keySet())
                .noneMatch(k -> k.contains("vg0-scratch") || k.contains("dm-1"));
    }

    @Test
    void ipvsBackendLabelsSumBackendsThatShareThem() throws Exception {
        assertThat(IpvsCollector.parseLabels("proto,local_port,,proto")).containsExactly("local_port", "proto");
        assertThatThrownBy(() -> IpvsCollector.parseLabels("proto,vip,zone"))
                .hasMessage("unknown IPVS backend labels: vip, zone");
        Map<String, Double> s = samples(new IpvsCollector(tree(), List.of("local_port", "proto")).collect());
        assertThat(s).containsEntry("node_ipvs_backend_connections_active{local_port=443,proto=TCP}", 81.0)
                .containsEntry("node_ipvs_backend_weight{local_port=0,proto=FWM}", 4.0)
                .containsEntry("node_ipvs_connections", (double) 0x2F1A3); // a counter's name without _total
    }

    @Test
    void ipv6AddressesAreWrittenLikeGo() throws Exception {
        assertThat(GoIp.v6("fd00:0000:0000:0002:0000:0000:0000:000b")).isEqualTo("fd00:0:0:2::b");
        assertThat(GoIp.v6("0000:0000:0000:0000:0000:0000:0000:0001")).isEqualTo("::1");
        assertThat(GoIp.v6("2001:0db8:0000:0001:0000:0000:0001:0000")).isEqualTo("2001:db8:0:1::1:0");
        assertThat(GoIp.v6("0000:0000:0000:0000:0000:ffff:0a00:0001")).isEqualTo("10.0.0.1");
    }

    @Test
    void bcacheSizesAndPriorityStats() throws Exception {
        Path f = Path.of("x");
        assertThat(BcacheCollector.dehumanize(f, "512")).isEqualTo(512);
        assertThat(BcacheCollector.dehumanize(f, "1.5k")).isEqualTo((long) ((1 + 5 / 10.24) * 1024));
        assertThat(BcacheCollector.dehumanize(f, "2.0G")).isEqualTo(2L << 30);
        Map<String, Double> s = samples(new BcacheCollector(tree(), true).collect());
        String cache = "{cache_device=cache0,uuid=4f7b2c1e-93a0-4d5e-b8c6-2a1d0e9f3b57}";
        assertThat(s).containsEntry("node_bcache_priority_stats_unused_percent" + cache, 12.0)
                .containsEntry("node_bcache_priority_stats_metadata_percent" + cache, 2.0);
        assertThat(samples(new BcacheCollector(tree(), false).collect()).keySet())
                .noneMatch(k -> k.startsWith("node_bcache_priority_stats"));
    }

    @Test
    void zfsDatasetNamesKeepTheirSpaces() throws Exception {
        ProcFiles files = empty();
        Path pool = Files.createDirectories(files.proc("spl/kstat/zfs/media"));
        Files.writeString(pool.resolve("objset-0x44"), "7 1 0x01 3 2160 1 2\nname type data\n"
                + "dataset_name                    7    media/Family Photos\nwrites 4 9\n");
        assertThat(samples(new ZfsCollector(files).collect()))
                .containsExactly(Map.entry("node_zfs_zpool_dataset_writes{dataset=media/Family Photos,zpool=media}",
                        9.0));
    }

    @Test
    void selinuxIsOffForTheKernelLabelAndModesFollowTheFiles() throws Exception {
        assertThat(samples(new SelinuxCollector(tree()).collect())).containsEntry("node_selinux_enabled", 1.0)
                .containsEntry("node_selinux_current_mode", 1.0).containsEntry("node_selinux_config_mode", 0.0);
        ProcFiles files = empty();
        Files.createDirectories(files.sys().resolve("fs/selinux"));
        Files.writeString(files.sys().resolve("fs/selinux/enforce"), "0");
        Files.createDirectories(files.proc("self/attr"));
        Files.writeString(files.proc("self/attr/current"), "system_u:system_r:node_exporter_t:s0\0");
        assertThat(samples(new SelinuxCollector(files).collect())).containsEntry("node_selinux_enabled", 1.0)
                .containsEntry("node_selinux_current_mode", 0.0).containsEntry("node_selinux_config_mode", -1.0);
        Files.writeString(files.proc("self/attr/current"), "kernel\0");
        assertThat(samples(new SelinuxCollector(files).collect())).containsExactly(Map.entry("node_selinux_enabled", 0.0));
    }

    @Test
    void goStyleIntegers() throws Exception {
        Path f = Path.of("x");
        assertThat(GoInts.parse(f, "0x8180\n")).isEqualTo(0x8180);
        assertThat(GoInts.parse(f, "010")).isEqualTo(8);
        assertThat(GoInts.parse(f, "-12")).isEqualTo(-12);
        assertThat(GoInts.parse(f, "0")).isZero();
    }
}
