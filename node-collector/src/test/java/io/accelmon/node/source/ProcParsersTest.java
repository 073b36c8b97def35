package io.accelmon.node.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The /proc parsers on text captured from a real Debian 12 VM (kernel 6.x, 2 CPUs). */
class ProcParsersTest {

    static final String STAT = """
            cpu  46814 0 22882 98523 2095 0 486 0 0 0
            cpu0 22810 0 10872 50910 654 0 152 0 0 0
            cpu1 24003 3 12009 47613 1440 7 334 11 5 2
            intr 657209 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            ctxt 1460993
            btime 1795451653
            processes 26931
            procs_running 8
            procs_blocked 1
            softirq 4075541 0 1043498 12 114549 0 0 10 1232219 0 1685253
            """;

    @Test
    void procStatGivesPerCpuTicksAndBootTime() {
        ProcStat s = ProcStat.parse(STAT);
        assertThat(s.cpus()).hasSize(2);
        assertThat(s.cpus().get(1)).isEqualTo(
                new ProcStat.CpuTimes("1", 24003, 3, 12009, 47613, 1440, 7, 334, 11, 5, 2));
        assertThat(s.bootTime()).isEqualTo(1795451653L);
        assertThat(s.contextSwitches()).isEqualTo(1460993L);
        assertThat(s.forks()).isEqualTo(26931L);
        assertThat(s.interrupts()).isEqualTo(657209L);
        assertThat(s.procsRunning()).isEqualTo(8);
        assertThat(s.procsBlocked()).isEqualTo(1);
    }

    @Test
    void loadavg() {
        assertThat(LoadAvg.parse("9.43 4.94 2.14 7/223 26931\n")).isEqualTo(new LoadAvg(9.43, 4.94, 2.14));
        assertThatThrownBy(() -> LoadAvg.parse("")).hasMessageContaining("/proc/loadavg");
    }

    @Test
    void meminfoNamesAndUnitsAsNodeExporter() {
        List<MemInfo.Entry> e = MemInfo.parse("""
                MemTotal:       24683620 kB
                MemAvailable:   23597152 kB
                Active(anon):       1624 kB
                HugePages_Total:       0
                """);
        assertThat(e).extracting(MemInfo.Entry::metricName).containsExactly("node_memory_MemTotal_bytes",
                "node_memory_MemAvailable_bytes", "node_memory_Active_anon_bytes", "node_memory_HugePages_Total");
        assertThat(e.get(0).value()).isEqualTo(24683620.0 * 1024);
        assertThat(e.get(3).value()).isZero();
    }

    @Test
    void diskstatsSkipsExcludedDevicesAndKeepsTheFieldsWeExport() {
        List<DiskStats.Disk> disks = DiskStats.parse("""
                   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
                 254       0 vda 46062 10036 3182378 49928 87110 41945 4923496 33661 0 32316 90964 10628 151 588040 2550 14834 4824
                 254       1 vda1 100 0 800 10 5 0 40 1 0 3 11 0 0 0 0 0 0
                 259       0 nvme0n1 1 0 8 0 2 0 16 0 0 4 0 0 0 0 0 0 0
                 259       1 nvme0n1p1 1 0 8 0 2 0 16 0 0 4 0 0 0 0 0 0 0
                 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
                """, DiskStats.DEFAULT_DEVICE_EXCLUDE);
        assertThat(disks).extracting(DiskStats.Disk::device).containsExactly("vda", "nvme0n1", "zram0");
        assertThat(disks.get(0).device()).isEqualTo("vda");
        assertThat(new long[] {disks.get(0).readsCompleted(), disks.get(0).sectorsRead(), disks.get(0).writesCompleted(),
            disks.get(0).sectorsWritten(), disks.get(0).ioTimeMillis()}).containsExactly(46062, 3182378, 87110, 4923496, 32316);
    }

    @Test
    void netdevSkipsTheTwoHeaderLines() {
        List<NetDev.Interface> ifs = NetDev.parse("""
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:  121662     260    0    0    0     0          0         0   121662     260    0    0    0     0       0          0
                  eth0: 157956883 120000 3 4 0 0 0 0 9000000 80000 5 6 0 0 0 0
                """);
        assertThat(ifs).hasSize(2);
        assertThat(ifs.get(1)).isEqualTo(new NetDev.Interface("eth0", 157956883, 120000, 3, 4, 9000000, 80000, 5, 6));
    }

    @Test
    void mountsSkipPseudoFileSystemsAndExcludedMountPoints() {
        List<Mounts.Mount> mounts = Mounts.parse("""
                proc /proc proc rw,relatime 0 0
                sysfs /sys sysfs rw,relatime 0 0
                devtmpfs /dev devtmpfs rw,relatime,size=12334448k 0 0
                tmpfs /dev/shm tmpfs rw,relatime 0 0
                /dev/vda / ext4 rw,relatime,discard 0 0
                cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
                overlay /var/lib/docker/overlay2/abc/merged overlay rw 0 0
                tmpfs /run tmpfs rw,nosuid,nodev,size=2468364k,mode=755 0 0
                tmpfs /run/credentials/systemd-sysctl.service tmpfs ro 0 0
                /dev/sdb1 /mnt/my\\040disk ext4 ro,relatime 0 0
                /dev/vda / ext4 rw,relatime,discard 0 0
                nfs:/export /srv/nfs nfs4 rw,vers=4.2 0 0
                """, Mounts.DEFAULT_MOUNT_POINTS_EXCLUDE, Mounts.DEFAULT_FS_TYPES_EXCLUDE);
        assertThat(mounts).containsExactly(
                new Mounts.Mount("/dev/vda", "/", "ext4", false),
                new Mounts.Mount("tmpfs", "/run", "tmpfs", false),
                new Mounts.Mount("/dev/sdb1", "/mnt/my disk", "ext4", true),
                new Mounts.Mount("nfs:/export", "/srv/nfs", "nfs4", false));
    }

    @Test
    void osReleaseUnquotes() {
        var r = OsRelease.parse("""
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME='Debian GNU/Linux'
                VERSION_ID="12"
                # comment
                ID=debian
                HOME_URL="https://www.debian.org/\\"x\\""
                """);
        assertThat(r).containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)")
                .containsEntry("NAME", "Debian GNU/Linux").containsEntry("ID", "debian")
                .containsEntry("HOME_URL", "https://www.debian.org/\"x\"");
        assertThat(OsRelease.versionNumber("22.04")).isEqualTo(22.04);
        assertThat(OsRelease.versionNumber("12")).isEqualTo(12.0);
        assertThat(OsRelease.versionNumber("rolling")).isZero();
    }

    @Test
    void unameStructIsSixNulTerminatedFields() {
        byte[] buf = new byte[Uname.FIELD_LENGTH * 6];
        String[] values = {"Linux", "vm", "6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC", "x86_64", "(none)"};
        for (int i = 0; i < 6; i++) {
            byte[] v = values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(v, 0, buf, i * Uname.FIELD_LENGTH, v.length);
        }
        assertThat(Uname.parse(buf)).isEqualTo(new Uname("Linux", "vm", "6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC",
                "x86_64", "(none)"));
    }

    @Test
    void unameOfThisMachineMatchesProcSysKernel() throws Exception {
        Uname u = Uname.read();
        assertThat(u.sysname()).isEqualTo(ProcFiles.read(java.nio.file.Path.of("/proc/sys/kernel/ostype")).trim());
        assertThat(u.release()).isEqualTo(ProcFiles.read(java.nio.file.Path.of("/proc/sys/kernel/osrelease")).trim());
    }
}
