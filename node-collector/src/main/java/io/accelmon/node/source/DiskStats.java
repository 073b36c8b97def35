package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** /proc/diskstats with node_exporter's default device exclude. */
public final class DiskStats {

    /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
    public static final Pattern DEFAULT_DEVICE_EXCLUDE =
            Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");

    /** Kernel diskstats always count 512-byte sectors, whatever the device's sector size. */
    public static final long SECTOR_BYTES = 512;

    public record Disk(String device, long readsCompleted, long sectorsRead, long writesCompleted,
                       long sectorsWritten, long ioTimeMillis) {
    }

    private DiskStats() {
    }

    public static List<Disk> parse(String text, Pattern exclude) {
        List<Disk> disks = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 14) {
                continue;
            }
            String device = f[2];
            if (exclude.matcher(device).find()) {
                continue;
            }
            disks.add(new Disk(device, Long.parseLong(f[3]), Long.parseLong(f[5]), Long.parseLong(f[7]),
                    Long.parseLong(f[9]), Long.parseLong(f[12])));
        }
        return disks;
    }
}
