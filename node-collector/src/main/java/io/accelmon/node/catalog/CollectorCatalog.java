package io.accelmon.node.catalog;

import static io.accelmon.node.catalog.CollectorDefinition.off;
import static io.accelmon.node.catalog.CollectorDefinition.on;

import io.accelmon.node.collect.ArpCollector;
import io.accelmon.node.collect.BcacheCollector;
import io.accelmon.node.collect.BcachefsCollector;
import io.accelmon.node.collect.DmMultipathCollector;
import io.accelmon.node.collect.BtrfsCollector;
import io.accelmon.node.collect.IpvsCollector;
import io.accelmon.node.collect.KernelHungCollector;
import io.accelmon.node.collect.SelinuxCollector;
import io.accelmon.node.collect.WatchdogCollector;
import io.accelmon.node.collect.ZfsCollector;
import io.accelmon.node.collect.BondingCollector;
import io.accelmon.node.collect.ConntrackCollector;
import io.accelmon.node.collect.CpufreqCollector;
import io.accelmon.node.collect.DmiCollector;
import io.accelmon.node.collect.HwmonCollector;
import io.accelmon.node.collect.InfinibandCollector;
import io.accelmon.node.collect.MdadmCollector;
import io.accelmon.node.collect.NfsCollector;
import io.accelmon.node.collect.NfsdCollector;
import io.accelmon.node.collect.NvmeCollector;
import io.accelmon.node.collect.PowerSupplyClassCollector;
import io.accelmon.node.collect.RaplCollector;
import io.accelmon.node.collect.SchedstatCollector;
import io.accelmon.node.collect.SoftnetCollector;
import io.accelmon.node.collect.UdpQueuesCollector;
import io.accelmon.node.collect.XfsCollector;
import io.accelmon.node.collect.CpuCollector;
import io.accelmon.node.collect.EdacCollector;
import io.accelmon.node.collect.EntropyCollector;
import io.accelmon.node.collect.ThermalZoneCollector;
import io.accelmon.node.collect.FibrechannelCollector;
import io.accelmon.node.collect.FilefdCollector;
import io.accelmon.node.collect.NetclassCollector;
import io.accelmon.node.collect.NetstatCollector;
import io.accelmon.node.collect.PressureCollector;
import io.accelmon.node.collect.SockstatCollector;
import io.accelmon.node.collect.TimexCollector;
import io.accelmon.node.collect.VmstatCollector;
import io.accelmon.node.collect.DiskstatsCollector;
import io.accelmon.node.collect.FilesystemCollector;
import io.accelmon.node.collect.LoadavgCollector;
import io.accelmon.node.collect.MeminfoCollector;
import io.accelmon.node.collect.NetdevCollector;
import io.accelmon.node.collect.OsCollector;
import io.accelmon.node.collect.StatCollector;
import io.accelmon.node.collect.TapestatsCollector;
import io.accelmon.node.collect.TextfileCollector;
import io.accelmon.node.collect.TimeCollector;
import io.accelmon.node.collect.UnameCollector;
import io.accelmon.node.collect.UsersCollector;
import io.accelmon.node.source.Statfs;
import java.util.List;

/**
 * Every collector, in the order it runs: the one place a collector is named. The command line's
 * {@code --collector.<name>}/{@code --no-collector.<name>} switches, the defaults and the scrape all come from here.
 */
public final class CollectorCatalog {

    public static final List<CollectorDefinition> ALL = List.of(
            on("cpu", "seconds the CPUs spent in each mode (/proc/stat), throttles, --collector.cpu.info",
                    c -> new CpuCollector(c.files(), c.options().cpu())),
            on("cpufreq", "CPU frequencies (/sys/devices/system/cpu/cpuN/cpufreq)",
                    c -> new CpufreqCollector(c.files())),
            on("loadavg", "load averages (/proc/loadavg)", c -> new LoadavgCollector(c.files())),
            on("meminfo", "every /proc/meminfo field", c -> new MeminfoCollector(c.files())),
            on("filesystem", "size, free and files per mount (statvfs)", c -> new FilesystemCollector(c.files(),
                    c.options().mountPointsExclude(), c.options().fsTypesExclude(), Statfs.system(),
                    c.options().mountTimeout())),
            on("diskstats", "block device I/O (/proc/diskstats)",
                    c -> new DiskstatsCollector(c.files(), c.options().diskDeviceExclude(),
                            c.options().udevData())),
            on("netdev", "network device counters (/proc/net/dev)",
                    c -> new NetdevCollector(c.files(), c.options().netDeviceExclude())),
            on("stat", "boot time, context switches, forks, interrupts, softirqs (/proc/stat)",
                    c -> new StatCollector(c.files(), c.options().statSoftirq())),
            on("schedstat", "run queue time per CPU (/proc/schedstat)", c -> new SchedstatCollector(c.files())),
            on("softnet", "per-CPU packet processing (/proc/net/softnet_stat)", c -> new SoftnetCollector(c.files())),
            on("time", "the system clock and clock sources", c -> new TimeCollector(c.files())),
            on("timex", "kernel clock synchronisation (adjtimex(2))", c -> new TimexCollector()),
            on("pressure", "pressure stall information (/proc/pressure)", c -> new PressureCollector(c.files())),
            on("vmstat", "/proc/vmstat fields (--collector.vmstat.fields)",
                    c -> new VmstatCollector(c.files(), c.options().vmstatFields())),
            on("filefd", "file handles (/proc/sys/fs/file-nr)", c -> new FilefdCollector(c.files())),
            on("entropy", "the kernel entropy pool", c -> new EntropyCollector(c.files())),
            on("netstat", "protocol counters (/proc/net/netstat, snmp, snmp6; --collector.netstat.fields)",
                    c -> new NetstatCollector(c.files(), c.options().netstatFields())),
            on("sockstat", "sockets per protocol (/proc/net/sockstat, sockstat6)",
                    c -> new SockstatCollector(c.files())),
            on("netclass", "link state, carrier and speed (/sys/class/net)",
                    c -> new NetclassCollector(c.files(), c.options().netclassIgnoredDevices())),
            on("edac", "memory controller error counts (/sys/devices/system/edac)",
                    c -> new EdacCollector(c.files())),
            on("thermal_zone", "thermal zones and cooling devices (/sys/class/thermal)",
                    c -> new ThermalZoneCollector(c.files())),
            on("hwmon", "hardware sensors: temperature, voltage, fans, power (/sys/class/hwmon)",
                    c -> new HwmonCollector(c.files(), c.options().hwmonChipInclude(),
                            c.options().hwmonChipExclude())),
            on("infiniband", "InfiniBand port state, rate and counters (/sys/class/infiniband)",
                    c -> new InfinibandCollector(c.files())),
            on("fibrechannel", "Fibre Channel host adapters (/sys/class/fc_host)",
                    c -> new FibrechannelCollector(c.files())),
            on("tapestats", "SCSI tape drive I/O (/sys/class/scsi_tape)",
                    c -> new TapestatsCollector(c.files(), c.options().tapeIgnored())),
            on("nvme", "NVMe controllers (/sys/class/nvme)", c -> new NvmeCollector(c.files())),
            on("mdadm", "software RAID arrays (/proc/mdstat)", c -> new MdadmCollector(c.files())),
            on("bonding", "bonded interfaces and their active slaves (/sys/class/net)",
                    c -> new BondingCollector(c.files())),
            on("arp", "ARP entries per interface (/proc/net/arp)", c -> new ArpCollector(c.files(),
                    c.options().arpDeviceInclude(), c.options().arpDeviceExclude())),
            on("nfs", "NFS client RPC statistics (/proc/net/rpc/nfs)", c -> new NfsCollector(c.files())),
            on("nfsd", "NFS server statistics (/proc/net/rpc/nfsd)", c -> new NfsdCollector(c.files())),
            on("xfs", "XFS file system statistics (/sys/fs/xfs)", c -> new XfsCollector(c.files())),
            on("udp_queues", "UDP socket queues (/proc/net/udp, udp6)", c -> new UdpQueuesCollector(c.files())),
            on("rapl", "RAPL energy counters (/sys/class/powercap)", c -> new RaplCollector(c.files())),
            on("dmi", "firmware, board and product identity (/sys/class/dmi/id)", c -> new DmiCollector(c.files())),
            on("powersupplyclass", "mains adapters and batteries (/sys/class/power_supply)",
                    c -> new PowerSupplyClassCollector(c.files(), c.options().powerSupplyIgnored())),
            on("bcache", "bcache cache sets, backing and cache devices (/sys/fs/bcache)",
                    c -> new BcacheCollector(c.files(), c.options().bcachePriorityStats())),
            on("btrfs", "btrfs allocation, commits and devices (/sys/fs/btrfs)", c -> new BtrfsCollector(c.files())),
            on("bcachefs", "bcachefs compression, errors, counters and member devices (/sys/fs/bcachefs)",
                    c -> new BcachefsCollector(c.files())),
            on("dmmultipath", "device-mapper multipath devices and their paths (/sys/block/dm-N)",
                    c -> new DmMultipathCollector(c.files())),
            on("zfs", "ZFS kstats: ARC, DMU, ZIL, pools and datasets (/proc/spl/kstat/zfs)",
                    c -> new ZfsCollector(c.files())),
            on("ipvs", "IP Virtual Server totals and backends (/proc/net/ip_vs_stats, ip_vs)",
                    c -> new IpvsCollector(c.files(), c.options().ipvsBackendLabels())),
            on("watchdog", "watchdog devices (/sys/class/watchdog)", c -> new WatchdogCollector(c.files())),
            on("kernel_hung", "tasks detected as hung (/proc/sys/kernel/hung_task_detect_count)",
                    c -> new KernelHungCollector(c.files())),
            on("selinux", "SELinux state and modes (/sys/fs/selinux, /etc/selinux/config)",
                    c -> new SelinuxCollector(c.files())),
            on("conntrack", "netfilter connection tracking table", c -> new ConntrackCollector(c.files())),
            on("uname", "uname(2)", c -> new UnameCollector()),
            on("os", "/etc/os-release", c -> new OsCollector(c.files())),
            on("textfile", "*.prom files from --collector.textfile.directory",
                    c -> new TextfileCollector(c.options().textfileDirectories())),
            off("users", "CPU seconds, resident memory and processes per user", c -> new UsersCollector(c.files())));

    private CollectorCatalog() {
    }
}
