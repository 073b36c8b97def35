package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** /proc/diskstats (11, 15 or 17 counters per line, by kernel version) with node_exporter's default device exclude. */
public final class DiskStats {

    /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
    public static final Pattern DEFAULT_DEVICE_EXCLUDE =
            Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");

    /** Kernel diskstats always count 512-byte sectors, whatever the device's sector size. */
    public static final long SECTOR_BYTES = 512;

    /**
     * One device: major, minor, name and the kernel's counters in file order (Documentation/admin-guide/iostats):
     * reads, reads merged, sectors read, read ms, writes, writes merged, sectors written, write ms, I/Os in
     * progress, I/O ms, weighted I/O ms, then (4.18+) discards, discards merged, sectors discarded, discard ms, then
     * (5.5+) flushes, flush ms.
     */
    public record Disk(int major, int minor, String device, long[] counters) {

        public long readsCompleted() {
            return counters[0];
        }

        public long sectorsRead() {
            return counters[2];
        }

        public long writesCompleted() {
            return counters[4];
        }

        public long sectorsWritten() {
            return counters[6];
        }

        public long ioTimeMillis() {
            return counters[9];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Disk d && d.major == major && d.minor == minor && d.device.equals(device)
                    && Arrays.equals(d.counters, counters);
        }

        @Override
        public int hashCode() {
            return device.hashCode() * 31 + Arrays.hashCode(counters);
        }
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
            long[] counters = new long[f.length - 3];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = Long.parseLong(f[i + 3]);
            }
            disks.add(new Disk(Integer.parseInt(f[0]), Integer.parseInt(f[1]), device, counters));
        }
        return disks;
    }
}
