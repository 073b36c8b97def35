package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's btrfs collector from /sys/fs/btrfs/&lt;uuid&gt;: label, global reserve, space reserved and
 * allocated per block group type and profile, commit statistics and device sizes. node_exporter adds per-device
 * error counters and unused bytes from BTRFS_IOC_DEV_INFO/GET_DEV_STATS ioctls on the mount point; sysfs does not
 * carry them in that form, so this collector serves the device sizes the way node_exporter does when those ioctls
 * are unavailable.
 */
public final class BtrfsCollector implements SourceCollector {

    private static final long SECTOR_SIZE = 512;
    private static final List<String> BLOCK_GROUP_TYPES = List.of("data", "metadata", "system");

    private final Path root;

    public BtrfsCollector(ProcFiles files) {
        this.root = files.sys().resolve("fs/btrfs");
    }

    @Override
    public String name() {
        return "btrfs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        FamilySet out = new FamilySet();
        for (Path fs : list(root)) {
            if (fs.getFileName().toString().contains("-")) {
                fileSystem(fs, out);
            }
        }
        return out.build();
    }

    private void fileSystem(Path fs, FamilySet out) throws IOException {
        List<Path> devices = listOrFail(fs.resolve("devices"));
        listOrFail(fs.resolve("features")); // node_exporter fails a file system without it
        String uuid = text(fs.resolve("metadata_uuid"));
        if (uuid.isEmpty()) {
            uuid = fs.getFileName().toString();
        }
        out.gauge("node_btrfs_info", "Filesystem information", 1, "uuid", uuid, "label", text(fs.resolve("label")));
        out.gauge("node_btrfs_global_rsv_size_bytes", "Size of global reserve.",
                value(fs.resolve("allocation/global_rsv_size")), "uuid", uuid);
        for (String type : BLOCK_GROUP_TYPES) {
            Path alloc = fs.resolve("allocation").resolve(type);
            out.gauge("node_btrfs_reserved_bytes", "Amount of space reserved for a data type",
                    value(alloc.resolve("bytes_reserved")), "uuid", uuid, "block_group_type", type);
            for (Path layout : listOrFail(alloc)) {
                if (!Files.isDirectory(layout, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String mode = layout.getFileName().toString();
                out.gauge("node_btrfs_used_bytes", "Amount of used space by a layout/data type",
                        value(layout.resolve("used_bytes")), "uuid", uuid, "block_group_type", type, "mode", mode);
                out.gauge("node_btrfs_size_bytes", "Amount of space allocated for a layout/data type",
                        value(layout.resolve("total_bytes")), "uuid", uuid, "block_group_type", type, "mode", mode);
                out.gauge("node_btrfs_allocation_ratio", "Data allocation ratio for a layout/data type",
                        ratio(mode, devices.size()), "uuid", uuid, "block_group_type", type, "mode", mode);
            }
        }
        commitStats(fs.resolve("commit_stats"), uuid, out);
        for (Path device : devices) {
            out.gauge("node_btrfs_device_size_bytes", "Size of a device that is part of the filesystem.",
                    SECTOR_SIZE * value(device.resolve("size")), "uuid", uuid,
                    "device", device.getFileName().toString());
        }
    }

    /** commit_stats (kernel 6.0+): commits and their durations in milliseconds. */
    private static void commitStats(Path file, String uuid, FamilySet out) throws IOException {
        String text;
        try {
            text = ProcFiles.read(file);
        } catch (NoSuchFileException olderKernel) {
            return;
        }
        double[] v = new double[4];
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                throw new IOException(file + ":" + n + ": expected '<key> <value>': '" + line + "'");
            }
            long value;
            try {
                value = Long.parseUnsignedLong(f[1]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + n + ": not a number: '" + f[1] + "'");
            }
            switch (f[0]) {
                case "commits" -> v[0] = value;
                case "last_commit_ms" -> v[1] = value;
                case "max_commit_ms" -> v[2] = value;
                case "total_commit_ms" -> v[3] = value;
                default -> {
                }
            }
        }
        out.counter("node_btrfs_commits_total", "The total number of commits that have occurred.", v[0],
                "uuid", uuid);
        out.gauge("node_btrfs_last_commit_seconds", "Duration of the most recent commit, in seconds.", v[1] / 1000,
                "uuid", uuid);
        out.gauge("node_btrfs_max_commit_seconds", "Duration of the slowest commit, in seconds.", v[2] / 1000,
                "uuid", uuid);
        out.counter("node_btrfs_commit_seconds_total", "Sum of the duration of all commits, in seconds.", v[3] / 1000,
                "uuid", uuid);
    }

    private static double ratio(String mode, int devices) {
        return switch (mode) {
            case "single", "raid0" -> 1;
            case "dup", "raid1", "raid10" -> 2;
            case "raid1c3" -> 3;
            case "raid1c4" -> 4;
            case "raid5" -> (double) devices / (devices - 1);
            case "raid6" -> (double) devices / (devices - 2);
            default -> 0;
        };
    }

    private static List<Path> list(Path dir) throws IOException {
        try {
            return listOrFail(dir);
        } catch (NoSuchFileException absent) {
            return List.of();
        }
    }

    private static List<Path> listOrFail(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** The trimmed attribute, empty when absent. */
    private static String text(Path file) throws IOException {
        try {
            return ProcFiles.read(file).trim();
        } catch (NoSuchFileException absent) {
            return "";
        }
    }

    /** An unsigned attribute; absent or not a number counts 0, as in node_exporter. */
    private static double value(Path file) throws IOException {
        try {
            long v = Long.parseUnsignedLong(text(file));
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
