package io.accelmon.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.Timex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host without the hardware or kernel feature serves no series and succeeds; a malformed file fails the collector
 * (success 0) with a message naming the file.
 */
class AbsentAndMalformedSourcesTest {

    @TempDir
    Path tmp;

    private ProcFiles empty() throws IOException {
        return new ProcFiles(Files.createDirectories(tmp.resolve("proc")), Files.createDirectories(tmp.resolve("sys")),
                tmp);
    }

    @Test
    void absentOptionalSourcesServeNothing() throws Exception {
        ProcFiles files = empty();
        List<SourceCollector> optional = List.of(new PressureCollector(files), new ConntrackCollector(files),
                new SockstatCollector(files, () -> 4096), new EdacCollector(files), new ThermalZoneCollector(files),
                new NetclassCollector(files, Pattern.compile("^$")), new SoftnetCollector(files),
                new ArpCollector(files, null, null), new HwmonCollector(files, null, null),
                new InfinibandCollector(files), new NvmeCollector(files), new BondingCollector(files),
                new MdadmCollector(files), new CpufreqCollector(files), new RaplCollector(files),
                new SchedstatCollector(files), new UdpQueuesCollector(files), new DmiCollector(files),
                new NfsCollector(files), new NfsdCollector(files), new XfsCollector(files), new FibrechannelCollector(files), new TapestatsCollector(files, null),
                new PowerSupplyClassCollector(files, Pattern.compile("^$")));
        for (SourceCollector c : optional) {
            assertThat(c.collect()).as(c.name()).isEmpty();
        }
    }

    @Test
    void malformedFilesFailWithTheFileName() throws Exception {
        ProcFiles files = empty();
        Files.createDirectories(files.proc("sys/fs"));
        Files.writeString(files.proc("sys/fs/file-nr"), "12 0\n");
        assertThatThrownBy(() -> new FilefdCollector(files).collect()).hasMessageContaining("file-nr");
        Files.createDirectories(files.proc("pressure"));
        Files.writeString(files.proc("pressure/io"), "some avg10=0.00 total=abc\nfull total=1\n");
        assertThatThrownBy(() -> new PressureCollector(files).collect()).hasMessageContaining("pressure/io");
        Files.writeString(files.proc("vmstat"), "pgfault 12\npgmajfault x\n");
        assertThatThrownBy(() -> new VmstatCollector(files, Pattern.compile(VmstatCollector.DEFAULT_FIELDS))
                .collect()).hasMessageContaining("vmstat:2").hasMessageContaining("pgmajfault");
        Files.createDirectories(files.proc("net"));
        Files.writeString(files.proc("net/netstat"), "TcpExt: A B\nTcpExt: 1\n");
        Files.writeString(files.proc("net/snmp"), "");
        assertThatThrownBy(() -> new NetstatCollector(files, Pattern.compile(".*")).collect())
                .hasMessageContaining("netstat:1");
        Path mc = Files.createDirectories(files.sys().resolve("devices/system/edac/mc/mc0"));
        Files.writeString(mc.resolve("ce_count"), "lots\n");
        assertThatThrownBy(() -> new EdacCollector(files).collect()).hasMessageContaining("ce_count");
        Files.writeString(files.proc("net/softnet_stat"), "0000000a 00000000 00000001\nzz 0 0\n");
        assertThatThrownBy(() -> new SoftnetCollector(files).collect()).hasMessageContaining("softnet_stat:2");
        Files.writeString(files.proc("mdstat"), "Personalities : [raid1]\nmd0 : active raid1 sda1[0]\n      "
                + "many blocks [1/1] [U]\n");
        assertThatThrownBy(() -> new MdadmCollector(files).collect()).hasMessageContaining("mdstat:3");
        Files.writeString(files.proc("schedstat"), "version 15\ncpu0 1 2 3\n");
        assertThatThrownBy(() -> new SchedstatCollector(files).collect()).hasMessageContaining("schedstat:2");
        Files.writeString(files.proc("net/udp"), "header\n 1: 00000000:0044 00000000:0000 07 garbage\n");
        assertThatThrownBy(() -> new UdpQueuesCollector(files).collect()).hasMessageContaining("net/udp:2");
        Files.createDirectories(files.proc("net/rpc"));
        Files.writeString(files.proc("net/rpc/nfs"), "net 0 0 0 0\nrpc 1 0 1\nproc3 22 1 2 3\n");
        assertThatThrownBy(() -> new NfsCollector(files).collect()).hasMessageContaining("nfs:3");
        Files.writeString(files.proc("net/rpc/nfsd"), "rc 0 1 2\nfh 0 0 0 0 0\nio many 0\n");
        assertThatThrownBy(() -> new NfsdCollector(files).collect()).hasMessageContaining("nfsd:3");
        Path port = Files.createDirectories(files.sys().resolve("class/infiniband/mlx5_0/ports/1/counters"));
        Files.writeString(port.resolve("../state"), "4: ACTIVE\n");
        Files.writeString(port.resolve("../phys_state"), "5: LinkUp\n");
        Files.writeString(port.resolve("../rate"), "fast\n");
        assertThatThrownBy(() -> new InfinibandCollector(files).collect()).hasMessageContaining("rate");
    }

    @Test
    void unreadableSensorsAndNaCountersAreLeftOut() throws Exception {
        ProcFiles files = empty();
        Path chip = Files.createDirectories(files.sys().resolve("class/hwmon/hwmon0"));
        Files.writeString(chip.resolve("name"), "acpitz\n");
        Files.writeString(chip.resolve("temp1_input"), "27800\n");
        Files.createDirectories(chip.resolve("temp2_input")); // unreadable as a file, like EIO from a sleeping chip
        String text = CollectorsTest.render(new HwmonCollector(files, null, null).collect());
        assertThat(text).contains("node_hwmon_temp_celsius{chip=\"acpitz\",sensor=\"temp1\"} 27.8")
                .doesNotContain("temp2");
        assertThat(new HwmonCollector(files, null, Pattern.compile("acpi")).collect()).isEmpty();
        Path port = Files.createDirectories(files.sys().resolve("class/infiniband/hfi1_0/ports/1/counters"));
        Files.writeString(port.resolve("../state"), "4: ACTIVE\n");
        Files.writeString(port.resolve("../phys_state"), "5: LinkUp\n");
        Files.writeString(port.resolve("../rate"), "100 Gb/sec (4X EDR)\n");
        Files.writeString(port.resolve("symbol_error"), "N/A (no PMA)\n");
        Files.writeString(port.resolve("port_rcv_data"), "10\n");
        assertThat(CollectorsTest.render(new InfinibandCollector(files).collect()))
                .contains("node_infiniband_port_data_received_bytes_total{device=\"hfi1_0\",port=\"1\"} 40.0")
                .contains("node_infiniband_rate_bytes_per_second{device=\"hfi1_0\",port=\"1\"} 1.25E10")
                .doesNotContain("symbol_error");
    }

    @Test
    void timexInNodeExporterUnits() throws Exception {
        // offset 1500 us, freq +10 ppm, maxerror 16 s (unsynchronised clock), nanosecond mode off
        Timex t = new Timex(Timex.TIME_ERROR, 1500, 10L * 65536, 16_000_000, 500, 0x40, 7, 10_000, 0, 0, 0, 0, 0, 0,
                0, 0, 37);
        String text = CollectorsTest.render(new TimexCollector(() -> t).collect());
        assertThat(text).contains("node_timex_sync_status 0.0").contains("node_timex_offset_seconds 0.0015")
                .contains("node_timex_frequency_adjustment_ratio 1.00001")
                .contains("node_timex_maxerror_seconds 16.0").contains("node_timex_tick_seconds 0.01")
                .contains("node_timex_tai_offset_seconds 37.0").contains("# TYPE node_timex_pps_error_total counter");
        Timex nano = new Timex(0, 1500, 0, 0, 0, Timex.STA_NANO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(CollectorsTest.render(new TimexCollector(() -> nano).collect()))
                .contains("node_timex_sync_status 1.0").contains("node_timex_offset_seconds 1.5E-6");
    }

    @Test
    void liveAdjtimexAnswers() {
        assertThat(new TimexCollector().collect()).hasSize(17);
    }
}
