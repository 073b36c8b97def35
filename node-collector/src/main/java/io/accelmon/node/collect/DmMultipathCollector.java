package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * node_exporter's dmmultipath collector: device-mapper multipath devices (/sys/block/dm-N whose dm/uuid starts with
 * {@code mpath-}), their size, suspension and paths (the dm device's slaves and each one's device/state).
 */
public final class DmMultipathCollector implements SourceCollector {

    private static final long SECTOR_SIZE = 512;

    private final Path block;

    public DmMultipathCollector(ProcFiles files) {
        this.block = files.sys().resolve("block");
    }

    @Override
    public String name() {
        return "dmmultipath";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        FamilySet out = new FamilySet();
        for (Path dm : SysfsDirs.entries(block)) {
            String sysfsName = dm.getFileName().toString();
            if (!sysfsName.startsWith("dm-")) {
                continue;
            }
            String uuid = text(dm.resolve("dm/uuid"));
            if (uuid == null || !uuid.startsWith("mpath-")) {
                continue; // an LVM volume, a crypt device …
            }
            String device = required(dm.resolve("dm/name"));
            boolean suspended = number(dm.resolve("dm/suspended")) == 1;
            long sectors = number(dm.resolve("size"));
            out.gauge("node_dmmultipath_device_info", "Non-numeric information about a DM-multipath device.", 1,
                    "device", device, "sysfs_name", sysfsName, "uuid", uuid);
            out.gauge("node_dmmultipath_device_active",
                    "Whether the multipath device-mapper device is active (1) or suspended (0).", suspended ? 0 : 1,
                    "device", device, "sysfs_name", sysfsName);
            out.gauge("node_dmmultipath_device_size_bytes",
                    "Size of the multipath device in bytes, read from /sys/block/<dm>/size.",
                    (double) sectors * SECTOR_SIZE, "device", device, "sysfs_name", sysfsName);
            int active = 0;
            int failed = 0;
            List<Path> slaves = SysfsDirs.entries(dm.resolve("slaves"));
            for (Path slave : slaves) {
                String path = slave.getFileName().toString();
                String state = required(block.resolve(path).resolve("device/state"));
                if (state.equals("running") || state.equals("live")) {
                    active++;
                } else {
                    failed++;
                }
                out.gauge("node_dmmultipath_path_state", "Reports the underlying device state for a multipath path, "
                        + "as read from /sys/block/<dev>/device/state.", 1, "device", device, "path", path,
                        "state", state);
            }
            out.gauge("node_dmmultipath_device_paths", "Number of paths for a multipath device.", slaves.size(),
                    "device", device, "sysfs_name", sysfsName);
            out.gauge("node_dmmultipath_device_paths_active",
                    "Number of paths in active state (SCSI running or NVMe live) for a multipath device.", active,
                    "device", device, "sysfs_name", sysfsName);
            out.gauge("node_dmmultipath_device_paths_failed",
                    "Number of paths not in active state for a multipath device.", failed,
                    "device", device, "sysfs_name", sysfsName);
        }
        return out.build();
    }


    private static String text(Path file) throws IOException {
        try {
            return ProcFiles.read(file).trim();
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    private static String required(Path file) throws IOException {
        return ProcFiles.read(file).trim();
    }

    private static long number(Path file) throws IOException {
        String s = required(file);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not an integer: '" + s + "'");
        }
    }
}
