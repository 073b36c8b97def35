package io.accelmon.node.cli;

import io.accelmon.core.cli.ExporterOptions;
import io.accelmon.node.collect.CpuCollector;
import io.accelmon.node.collect.IpvsCollector;
import io.accelmon.node.collect.NetclassCollector;
import io.accelmon.node.collect.NetstatCollector;
import io.accelmon.node.collect.PowerSupplyClassCollector;
import io.accelmon.node.collect.TapestatsCollector;
import io.accelmon.node.collect.VmstatCollector;
import io.accelmon.node.source.DiskStats;
import io.accelmon.node.source.Mounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The per-collector settings, named as node_exporter names them. */
public class CollectorOptions {

    @Option(names = "--collector.textfile.directory", paramLabel = "DIR",
            description = "Directory to read text files with metrics from (*.prom); repeatable.")
    List<Path> textfileDirectories = new ArrayList<>();

    @Option(names = "--collector.filesystem.mount-points-exclude", paramLabel = "REGEX",
            description = "Regexp of mount points to exclude (default: ${DEFAULT-VALUE}).",
            defaultValue = "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)")
    Pattern mountPointsExclude;

    @Option(names = "--collector.filesystem.fs-types-exclude", paramLabel = "REGEX",
            description = "Regexp of filesystem types to exclude (default: node_exporter's list of pseudo file "
                    + "systems).")
    Pattern fsTypesExclude;

    @Option(names = "--collector.filesystem.mount-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = ExporterOptions.DurationConverter.class,
            description = "How long to wait for statvfs on a mount before marking it stale (default: ${DEFAULT-VALUE}).")
    Duration mountTimeout;

    @Option(names = "--collector.diskstats.device-exclude", paramLabel = "REGEX",
            description = "Regexp of devices to exclude for diskstats (default: ${DEFAULT-VALUE}).",
            defaultValue = "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$")
    Pattern diskDeviceExclude;

    @Option(names = "--collector.netdev.device-exclude", paramLabel = "REGEX",
            description = "Regexp of network devices to exclude (default: none).")
    Pattern netDeviceExclude;

    @Option(names = "--collector.vmstat.fields", paramLabel = "REGEX",
            description = "Regexp of /proc/vmstat fields to return (default: ${DEFAULT-VALUE}).",
            defaultValue = VmstatCollector.DEFAULT_FIELDS)
    Pattern vmstatFields;

    @Option(names = "--collector.netstat.fields", paramLabel = "REGEX",
            description = "Regexp of netstat fields to return (default: ${DEFAULT-VALUE}).",
            defaultValue = NetstatCollector.DEFAULT_FIELDS)
    Pattern netstatFields;

    @Option(names = "--collector.netclass.ignored-devices", paramLabel = "REGEX",
            description = "Regexp of net devices to ignore for netclass (default: ${DEFAULT-VALUE}).",
            defaultValue = NetclassCollector.DEFAULT_IGNORED)
    Pattern netclassIgnoredDevices;

    @Option(names = "--collector.cpu.guest", arity = "0..1", paramLabel = "BOOL",
            description = "Enables metric node_cpu_guest_seconds_total (default: true).")
    boolean cpuGuest = true;

    @Option(names = "--no-collector.cpu.guest", description = "Disables node_cpu_guest_seconds_total.")
    boolean noCpuGuest;

    @Option(names = "--collector.cpu.info", arity = "0..1", paramLabel = "BOOL",
            description = "Enables metric node_cpu_info (default: false).")
    boolean cpuInfo;

    @Option(names = "--collector.cpu.info.flags-include", paramLabel = "REGEX",
            description = "Filter the `flags` field in cpuInfo with a value that must be a regular expression "
                    + "(node_cpu_flag_info; default: none).")
    Pattern cpuFlagsInclude;

    @Option(names = "--collector.cpu.info.bugs-include", paramLabel = "REGEX",
            description = "Filter the `bugs` field in cpuInfo with a value that must be a regular expression "
                    + "(node_cpu_bug_info; default: none).")
    Pattern cpuBugsInclude;

    @Option(names = "--collector.stat.softirq", arity = "0..1", paramLabel = "BOOL",
            description = "Export softirq calls per vector (default: false).")
    boolean statSoftirq;

    @Option(names = "--collector.arp.device-include", paramLabel = "REGEX",
            description = "Regexp of arp devices to include (mutually exclusive to device-exclude).")
    Pattern arpDeviceInclude;

    @Option(names = "--collector.arp.device-exclude", paramLabel = "REGEX",
            description = "Regexp of arp devices to exclude (mutually exclusive to device-include).")
    Pattern arpDeviceExclude;

    @Option(names = "--collector.hwmon.chip-include", paramLabel = "REGEX",
            description = "Regexp of hwmon chip to include (mutually exclusive to chip-exclude).")
    Pattern hwmonChipInclude;

    @Option(names = "--collector.hwmon.chip-exclude", paramLabel = "REGEX",
            description = "Regexp of hwmon chip to exclude (mutually exclusive to chip-include).")
    Pattern hwmonChipExclude;

    @Option(names = "--collector.powersupply.ignored-supplies", paramLabel = "REGEX",
            description = "Regexp of power supplies to ignore for powersupplyclass collector (default: ${DEFAULT-VALUE}).",
            defaultValue = PowerSupplyClassCollector.DEFAULT_IGNORED)
    Pattern powerSupplyIgnored;

    @Option(names = "--collector.tapestats.ignored-devices", paramLabel = "REGEX",
            description = "Regexp of devices to ignore for tapestats (default: ${DEFAULT-VALUE}).",
            defaultValue = TapestatsCollector.DEFAULT_IGNORED)
    Pattern tapeIgnored;

    @Option(names = "--collector.bcache.priorityStats", arity = "0..1", paramLabel = "BOOL",
            description = "Expose expensive priority stats (default: false).")
    boolean bcachePriorityStats;

    @Option(names = "--no-collector.bcache.priorityStats", description = "Leaves out the bcache priority stats.")
    boolean noBcachePriorityStats;

    @Option(names = "--collector.ipvs.backend-labels", paramLabel = "LABELS",
            description = "Comma separated list for IPVS backend stats labels (default: ${DEFAULT-VALUE}).",
            defaultValue = IpvsCollector.DEFAULT_LABELS, converter = IpvsLabelsConverter.class)
    List<String> ipvsBackendLabels;

    @Option(names = "--path.udev.data", paramLabel = "DIR", defaultValue = "/run/udev/data",
            description = "udev data path, for node_disk_info (default: ${DEFAULT-VALUE}).")
    Path udevData;

    @Option(names = "--path.procfs", paramLabel = "DIR", defaultValue = "/proc",
            description = "procfs mountpoint (default: ${DEFAULT-VALUE}).")
    Path procfs;

    @Option(names = "--path.sysfs", paramLabel = "DIR", defaultValue = "/sys",
            description = "sysfs mountpoint (default: ${DEFAULT-VALUE}).")
    Path sysfs;

    @Option(names = "--path.rootfs", paramLabel = "DIR", defaultValue = "/",
            description = "rootfs mountpoint, for /etc/os-release and /etc/passwd (default: ${DEFAULT-VALUE}).")
    Path rootfs;

    public List<Path> textfileDirectories() {
        return textfileDirectories;
    }

    public Pattern mountPointsExclude() {
        return mountPointsExclude;
    }

    public Pattern fsTypesExclude() {
        return fsTypesExclude != null ? fsTypesExclude : Mounts.DEFAULT_FS_TYPES_EXCLUDE;
    }

    public Duration mountTimeout() {
        return mountTimeout;
    }

    public Pattern diskDeviceExclude() {
        return diskDeviceExclude != null ? diskDeviceExclude : DiskStats.DEFAULT_DEVICE_EXCLUDE;
    }

    public Pattern netDeviceExclude() {
        return netDeviceExclude;
    }

    public Pattern vmstatFields() {
        return vmstatFields != null ? vmstatFields : Pattern.compile(VmstatCollector.DEFAULT_FIELDS);
    }

    public Pattern netstatFields() {
        return netstatFields != null ? netstatFields : Pattern.compile(NetstatCollector.DEFAULT_FIELDS);
    }

    public Pattern netclassIgnoredDevices() {
        return netclassIgnoredDevices != null ? netclassIgnoredDevices : Pattern.compile(NetclassCollector.DEFAULT_IGNORED);
    }

    public CpuCollector.Settings cpu() {
        return new CpuCollector.Settings(cpuGuest && !noCpuGuest, cpuInfo, cpuFlagsInclude, cpuBugsInclude);
    }

    public boolean statSoftirq() {
        return statSoftirq;
    }

    public Pattern arpDeviceInclude() {
        return arpDeviceInclude;
    }

    public Pattern arpDeviceExclude() {
        return arpDeviceExclude;
    }

    public Pattern hwmonChipInclude() {
        return hwmonChipInclude;
    }

    public Pattern hwmonChipExclude() {
        return hwmonChipExclude;
    }

    public Pattern powerSupplyIgnored() {
        return powerSupplyIgnored != null ? powerSupplyIgnored : Pattern.compile(PowerSupplyClassCollector.DEFAULT_IGNORED);
    }

    public Pattern tapeIgnored() {
        return tapeIgnored != null ? tapeIgnored : Pattern.compile(TapestatsCollector.DEFAULT_IGNORED);
    }

    public boolean bcachePriorityStats() {
        return bcachePriorityStats && !noBcachePriorityStats;
    }

    public List<String> ipvsBackendLabels() {
        return ipvsBackendLabels != null ? ipvsBackendLabels : IpvsCollector.ALL_LABELS;
    }

    /** node_exporter's label order; an unknown label is a usage error naming it. */
    static final class IpvsLabelsConverter implements ITypeConverter<List<String>> {
        @Override
        public List<String> convert(String value) {
            try {
                return IpvsCollector.parseLabels(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public Path udevData() {
        return udevData;
    }

    public Path procfs() {
        return procfs;
    }

    public Path sysfs() {
        return sysfs;
    }

    public Path rootfs() {
        return rootfs;
    }
}
