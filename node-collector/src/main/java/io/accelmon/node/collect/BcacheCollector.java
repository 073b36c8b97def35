package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's bcache collector: each cache set under /sys/fs/bcache/&lt;uuid&gt;, its backing devices (bdevN)
 * and cache devices (cacheN). sysfs prints sizes the kernel's human way ({@code 1.5G}); they are read back the way
 * node_exporter's parser does (the digit after the point counts 1/10.24 of the unit), so values match it exactly.
 */
public final class BcacheCollector implements SourceCollector {

    private static final String[][] PERIOD = {
            {"bypassed", "bypassed_bytes_total", "Amount of IO (both reads and writes) that has bypassed the cache."},
            {"cache_hits", "cache_hits_total", "Hits counted per individual IO as bcache sees them."},
            {"cache_misses", "cache_misses_total", "Misses counted per individual IO as bcache sees them."},
            {"cache_bypass_hits", "cache_bypass_hits_total", "Hits for IO intended to skip the cache."},
            {"cache_bypass_misses", "cache_bypass_misses_total", "Misses for IO intended to skip the cache."},
            {"cache_miss_collisions", "cache_miss_collisions_total",
                    "Instances where data insertion from cache miss raced with write (data already present)."},
            {"cache_readaheads", "cache_readaheads_total", "Count of times readahead occurred."}};

    private final Path root;
    private final boolean priorityStats;

    public BcacheCollector(ProcFiles files, boolean priorityStats) {
        this.root = files.sys().resolve("fs/bcache");
        this.priorityStats = priorityStats;
    }

    @Override
    public String name() {
        return "bcache";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        FamilySet out = new FamilySet();
        for (Path set : entries(root, "-")) {
            if (set.getFileName().toString().contains("-")) {
                cacheSet(set, out);
            }
        }
        return out.build();
    }

    private void cacheSet(Path set, FamilySet out) throws IOException {
        String uuid = set.getFileName().toString();
        out.gauge("node_bcache_average_key_size_sectors", "Average data per key in the btree (sectors).",
                value(set.resolve("average_key_size")), "uuid", uuid);
        out.gauge("node_bcache_btree_cache_size_bytes", "Amount of memory currently used by the btree cache.",
                value(set.resolve("btree_cache_size")), "uuid", uuid);
        out.gauge("node_bcache_cache_available_percent", "Percentage of cache device without dirty data, usable for "
                + "writeback (may contain clean cached data).", value(set.resolve("cache_available_percent")),
                "uuid", uuid);
        out.gauge("node_bcache_congested", "Congestion.", value(set.resolve("congested")), "uuid", uuid);
        out.gauge("node_bcache_root_usage_percent", "Percentage of the root btree node in use (tree depth increases "
                + "if too high).", value(set.resolve("root_usage_percent")), "uuid", uuid);
        out.gauge("node_bcache_tree_depth", "Depth of the btree.", value(set.resolve("tree_depth")), "uuid", uuid);
        Path internal = set.resolve("internal");
        out.gauge("node_bcache_active_journal_entries", "Number of journal entries that are newer than the index.",
                value(internal.resolve("active_journal_entries")), "uuid", uuid);
        out.gauge("node_bcache_btree_nodes", "Total nodes in the btree.", value(internal.resolve("btree_nodes")),
                "uuid", uuid);
        // node_exporter scales the microsecond file by 1e-9 (as if nanoseconds); kept for identical values
        out.gauge("node_bcache_btree_read_average_duration_seconds", "Average btree read duration.",
                value(internal.resolve("btree_read_average_duration_us")) * 1e-9, "uuid", uuid);
        out.counter("node_bcache_cache_read_races_total", "Counts instances where while data was being read from the "
                + "cache, the bucket was reused and invalidated - i.e. where the pointer was stale after the read "
                + "completed.", value(internal.resolve("cache_read_races")), "uuid", uuid);

        for (Path bdev : entries(set, "bdev")) {
            String name = bdev.getFileName().toString();
            double[] wrd = writebackRateDebug(bdev.resolve("writeback_rate_debug"));
            out.gauge("node_bcache_dirty_data_bytes", "Amount of dirty data for this backing device in the cache.",
                    value(bdev.resolve("dirty_data")), "uuid", uuid, "backing_device", name);
            out.gauge("node_bcache_dirty_target_bytes", "Current dirty data target threshold for this backing device "
                    + "in bytes.", wrd[1], "uuid", uuid, "backing_device", name);
            out.gauge("node_bcache_writeback_rate", "Current writeback rate for this backing device in bytes.",
                    wrd[0], "uuid", uuid, "backing_device", name);
            out.gauge("node_bcache_writeback_rate_proportional_term", "Current result of proportional controller, "
                    + "part of writeback rate", wrd[2], "uuid", uuid, "backing_device", name);
            out.gauge("node_bcache_writeback_rate_integral_term", "Current result of integral controller, part of "
                    + "writeback rate", wrd[3], "uuid", uuid, "backing_device", name);
            out.gauge("node_bcache_writeback_change", "Last writeback rate change step for this backing device.",
                    wrd[4], "uuid", uuid, "backing_device", name);
            Path total = bdev.resolve("stats_total");
            for (String[] p : PERIOD) {
                double v = value(total.resolve(p[0]));
                if (p[0].equals("cache_readaheads") && v == 0) {
                    continue; // current node_exporter leaves the readahead counter out while it is zero
                }
                out.counter("node_bcache_" + p[1], p[2], v, "uuid", uuid, "backing_device", name);
            }
        }

        for (Path cache : entries(set, "cache")) {
            String name = cache.getFileName().toString();
            out.gauge("node_bcache_io_errors", "Number of errors that have occurred, decayed by io_error_halflife.",
                    value(cache.resolve("io_errors")), "uuid", uuid, "cache_device", name);
            out.counter("node_bcache_metadata_written_bytes_total", "Sum of all non data writes (btree writes and all "
                    + "other metadata).", value(cache.resolve("metadata_written")), "uuid", uuid,
                    "cache_device", name);
            out.counter("node_bcache_written_bytes_total", "Sum of all data that has been written to the cache.",
                    value(cache.resolve("written")), "uuid", uuid, "cache_device", name);
            if (priorityStats) {
                double[] ps = priorityStats(cache.resolve("priority_stats"));
                out.gauge("node_bcache_priority_stats_unused_percent", "The percentage of the cache that doesn't "
                        + "contain any data.", ps[0], "uuid", uuid, "cache_device", name);
                out.gauge("node_bcache_priority_stats_metadata_percent", "Bcache's metadata overhead.", ps[1],
                        "uuid", uuid, "cache_device", name);
            }
        }
    }

    /** Entries of {@code dir}: with {@code prefix} "-" every entry, else those named prefix + digit…; sorted. */
    private static List<Path> entries(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : SysfsDirs.entries(dir)) {
            String n = p.getFileName().toString();
            if (prefix.equals("-") || (n.startsWith(prefix) && n.length() > prefix.length()
                    && Character.isDigit(n.charAt(prefix.length())))) {
                out.add(p);
            }
        }
        return out;
    }

    /** One attribute; an absent one counts 0, as in node_exporter. */
    private static double value(Path file) throws IOException {
        String text;
        try {
            text = ProcFiles.read(file);
        } catch (NoSuchFileException absent) {
            return 0;
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return toUnsigned(dehumanize(file, text));
    }

    /** rate, target, proportional, integral, change from writeback_rate_debug. */
    private static double[] writebackRateDebug(Path file) throws IOException {
        double[] v = new double[5];
        for (String line : ProcFiles.read(file).split("\n")) {
            String[] f = line.trim().split("\\s+");
            String last = f[f.length - 1];
            if (line.startsWith("rate:")) {
                v[0] = toUnsigned(dehumanize(file, trimSuffix(last, "/sec")));
            } else if (line.startsWith("target:")) {
                v[1] = toUnsigned(dehumanize(file, last));
            } else if (line.startsWith("proportional:")) {
                v[2] = signed(file, last);
            } else if (line.startsWith("integral:")) {
                v[3] = signed(file, last);
            } else if (line.startsWith("change:")) {
                v[4] = signed(file, trimSuffix(last, "/sec"));
            }
        }
        return v;
    }

    /** Unused and Metadata percentages from priority_stats. */
    private static double[] priorityStats(Path file) throws IOException {
        double[] v = new double[2];
        for (String line : ProcFiles.read(file).split("\n")) {
            int which = line.startsWith("Unused:") ? 0 : line.startsWith("Metadata:") ? 1 : -1;
            if (which >= 0) {
                String[] f = line.trim().split("\\s+");
                String n = trimSuffix(f[f.length - 1], "%");
                try {
                    v[which] = Long.parseLong(n);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": not a percentage: '" + line.trim() + "'");
                }
            }
        }
        return v;
    }

    private static double signed(Path file, String s) throws IOException {
        long v = dehumanize(file, s.startsWith("-") ? s.substring(1) : s);
        return s.startsWith("-") ? -v : v;
    }

    /** The kernel's bch_hprint output read back as node_exporter reads it; returned as an unsigned 64-bit value. */
    static long dehumanize(Path file, String s) throws IOException {
        if (s.isEmpty()) {
            throw new IOException(file + ": empty value");
        }
        char last = s.charAt(s.length() - 1);
        try {
            if (last > '9') {
                double mul = switch (last) {
                    case 'k' -> 0x1p10;
                    case 'M' -> 0x1p20;
                    case 'G' -> 0x1p30;
                    case 'T' -> 0x1p40;
                    case 'P' -> 0x1p50;
                    case 'E' -> 0x1p60;
                    case 'Z' -> 0x1p70;
                    case 'Y' -> 0x1p80;
                    default -> 0;
                };
                return toUint64(pseudoFloat(s.substring(0, s.length() - 1)) * mul);
            }
            return toUint64(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a size: '" + s + "'");
        }
    }

    /** {@code 1.5} means 1 + 5/10.24 (the kernel prints tenths of 1024ths). */
    private static double pseudoFloat(String s) {
        String[] parts = s.split("\\.", -1);
        double whole = Double.parseDouble(parts[0]);
        if (parts.length == 1) {
            return whole;
        }
        return whole + Double.parseDouble(parts[1]) / 10.24;
    }

    /** Go's uint64(float64) for the values sysfs can hold. */
    private static long toUint64(double d) {
        if (d < 0x1p63) {
            return (long) d;
        }
        return (long) (d - 0x1p63) ^ Long.MIN_VALUE;
    }

    private static double toUnsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    private static String trimSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }
}
