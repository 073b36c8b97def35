package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * node_exporter's bcachefs collector from /sys/fs/bcachefs/&lt;uuid&gt;: btree cache, compression per algorithm,
 * error counts, the event counters since file system creation, btree writes, and per member device (dev-N) its
 * buckets, durability, bytes done per operation and data type, and I/O errors since creation.
 */
public final class BcachefsCollector implements SourceCollector {

    private static final Pattern INVALID = Pattern.compile("_*[^0-9A-Za-z_]+_*");

    private final Path root;

    public BcachefsCollector(ProcFiles files) {
        this.root = files.sys().resolve("fs/bcachefs");
    }

    @Override
    public String name() {
        return "bcachefs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        FamilySet out = new FamilySet();
        for (Path fs : SysfsDirs.entries(root)) {
            if (Files.isDirectory(fs, LinkOption.NOFOLLOW_LINKS)) {
                fileSystem(fs, fs.getFileName().toString(), out);
            }
        }
        return out.build();
    }

    private void fileSystem(Path fs, String uuid, FamilySet out) throws IOException {
        String cache = text(fs.resolve("btree_cache_size"));
        double btreeCache = cache == null || cache.isEmpty() ? 0 : bytes(fs.resolve("btree_cache_size"), cache);
        out.gauge("node_bcachefs_info", "Filesystem information.", 1, "uuid", uuid);
        out.gauge("node_bcachefs_btree_cache_size_bytes", "Btree cache memory usage in bytes.", btreeCache,
                "uuid", uuid);
        Path compression = fs.resolve("compression_stats");
        for (String[] f : rows(compression, true)) {
            if (f.length >= 3) {
                String algorithm = trimColon(f[0]);
                out.gauge("node_bcachefs_compression_compressed_bytes", "Compressed size by algorithm.",
                        bytes(compression, f[1]), "uuid", uuid, "algorithm", algorithm);
                out.gauge("node_bcachefs_compression_uncompressed_bytes", "Uncompressed size by algorithm.",
                        bytes(compression, f[2]), "uuid", uuid, "algorithm", algorithm);
            }
        }
        Path errors = fs.resolve("errors");
        for (String[] f : rows(errors, false)) {
            if (f.length >= 2) {
                out.counter("node_bcachefs_errors_total", "Error count by error type.", unsigned(errors, f[1]),
                        "uuid", uuid, "error_type", f[0]);
            }
        }
        for (Path counter : SysfsDirs.entries(fs.resolve("counters"))) {
            if (Files.isDirectory(counter)) {
                continue;
            }
            String name = counter.getFileName().toString();
            out.counter("node_bcachefs_" + INVALID.matcher(name).replaceAll("_") + "_total",
                    "Bcachefs counter " + name + " since filesystem creation.", sinceCreation(counter),
                    "uuid", uuid);
        }
        Path writes = fs.resolve("btree_write_stats");
        for (String[] f : rows(writes, true)) {
            if (f.length >= 3) {
                String type = trimColon(f[0]);
                out.counter("node_bcachefs_btree_writes_total", "Number of btree writes by type.",
                        unsigned(writes, f[1]), "uuid", uuid, "type", type);
                out.gauge("node_bcachefs_btree_write_average_size_bytes", "Average btree write size by type.",
                        bytes(writes, f[2]), "uuid", uuid, "type", type);
            }
        }
        for (Path dev : SysfsDirs.entries(fs)) {
            String entry = dev.getFileName().toString();
            if (entry.startsWith("dev-") && Files.isDirectory(dev, LinkOption.NOFOLLOW_LINKS)) {
                device(dev, uuid, entry.substring(4), out);
            }
        }
    }

    private void device(Path dev, String uuid, String device, FamilySet out) throws IOException {
        String label = text(dev.resolve("label"));
        String state = text(dev.resolve("state"));
        out.gauge("node_bcachefs_device_info", "Device information.", 1, "uuid", uuid, "device", device,
                "label", label == null ? "" : label, "state", state == null ? "" : state);
        String bucket = text(dev.resolve("bucket_size"));
        out.gauge("node_bcachefs_device_bucket_size_bytes", "Bucket size in bytes.",
                bucket == null || bucket.isEmpty() ? 0 : bytes(dev.resolve("bucket_size"), bucket),
                "uuid", uuid, "device", device);
        out.gauge("node_bcachefs_device_buckets", "Total number of buckets.", uintFile(dev.resolve("nbuckets")),
                "uuid", uuid, "device", device);
        out.gauge("node_bcachefs_device_durability", "Device durability setting.",
                uintFile(dev.resolve("durability")), "uuid", uuid, "device", device);
        Path ioDone = dev.resolve("io_done");
        String done = text(ioDone);
        if (done != null) {
            String op = "";
            for (String raw : done.split("\n")) {
                String line = raw.trim();
                if (line.equals("read:") || line.equals("write:")) {
                    op = line.substring(0, line.length() - 1);
                    continue;
                }
                int colon = line.indexOf(':');
                if (op.isEmpty() || colon < 0) {
                    continue;
                }
                out.counter("node_bcachefs_device_io_done_bytes_total", "IO bytes by operation type and data type.",
                        unsigned(ioDone, line.substring(colon + 1).trim()), "uuid", uuid, "device", device,
                        "operation", op, "data_type", line.substring(0, colon).trim());
            }
        }
        Path ioErrors = dev.resolve("io_errors");
        String errs = text(ioErrors);
        if (errs != null) {
            boolean sinceCreation = false;
            for (String line : errs.split("\n")) {
                if (line.startsWith("IO errors since filesystem creation")) {
                    sinceCreation = true;
                    continue;
                }
                if (line.startsWith("IO errors since ")) {
                    break;
                }
                int colon = line.indexOf(':');
                if (!sinceCreation || colon < 0) {
                    continue;
                }
                out.counter("node_bcachefs_device_io_errors_total", "IO errors by error type.",
                        unsigned(ioErrors, line.substring(colon + 1).trim()), "uuid", uuid, "device", device,
                        "type", line.substring(0, colon).trim());
            }
        }
    }

    /** A counters/ file: "since mount:" and "since filesystem creation:" lines; the latter is served. */
    private static double sinceCreation(Path file) throws IOException {
        boolean seen = false;
        double value = 0;
        for (String line : ProcFiles.read(file).split("\n")) {
            if (line.startsWith("since mount:")) {
                bytes(file, line.substring("since mount:".length()));
                seen = true;
            } else if (line.startsWith("since filesystem creation:")) {
                value = bytes(file, line.substring("since filesystem creation:".length()));
                seen = true;
            }
        }
        if (!seen) {
            throw new IOException(file + ": counter file format not recognized");
        }
        return value;
    }

    /** bcachefs's human sizes: a number with an optional k/M/G/T/P/E suffix (powers of 1024). */
    private static double bytes(Path file, String raw) throws IOException {
        String s = raw.trim();
        if (s.isEmpty()) {
            throw new IOException(file + ": empty size");
        }
        double mul = switch (s.charAt(s.length() - 1)) {
            case 'k', 'K' -> 0x1p10;
            case 'm', 'M' -> 0x1p20;
            case 'g', 'G' -> 0x1p30;
            case 't', 'T' -> 0x1p40;
            case 'p', 'P' -> 0x1p50;
            case 'e', 'E' -> 0x1p60;
            default -> 1;
        };
        String number = mul == 1 ? s : s.substring(0, s.length() - 1).trim();
        try {
            double v = Double.parseDouble(number) * mul;
            return v < 0 ? 0 : Math.floor(v); // node_exporter's uint64 conversion
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a size: '" + s + "'");
        }
    }

    private static double unsigned(Path file, String s) throws IOException {
        try {
            long v = Long.parseUnsignedLong(s);
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not an unsigned integer: '" + s + "'");
        }
    }

    private static double uintFile(Path file) throws IOException {
        String s = text(file);
        return s == null ? 0 : unsigned(file, s);
    }

    /** Whitespace-separated rows of a table, without its heading line when {@code header}; none when absent. */
    private static List<String[]> rows(Path file, boolean header) throws IOException {
        String t = text(file);
        List<String[]> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        String[] lines = t.split("\n");
        for (int i = header ? 1 : 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (!l.isEmpty()) {
                out.add(l.split("\\s+"));
            }
        }
        return out;
    }

    private static String trimColon(String s) {
        return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
    }

    private static String text(Path file) throws IOException {
        try {
            return ProcFiles.read(file).trim();
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

}
