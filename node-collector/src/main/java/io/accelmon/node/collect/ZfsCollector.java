package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * node_exporter's zfs collector from the SPL kstat files under /proc/spl/kstat/zfs: every numeric field of the ARC,
 * ABD, dbuf, DMU, dnode, fault management, vdev, prefetch and ZIL tables as an untyped {@code node_zfs_<table>_<field>}
 * ({@code - } in kstat names becomes {@code _}), and per pool its I/O kstat, its datasets' objset counters and its
 * state.
 */
public final class ZfsCollector implements SourceCollector {

    /** node_exporter's subsystem name and the kstat file it reads. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("zfs_abd", "abdstats");
        TABLES.put("zfs_arc", "arcstats");
        TABLES.put("zfs_dbuf", "dbufstats");
        TABLES.put("zfs_dmu_tx", "dmu_tx");
        TABLES.put("zfs_dnode", "dnodestats");
        TABLES.put("zfs_fm", "fm");
        TABLES.put("zfs_vdev_cache", "vdev_cache_stats");
        TABLES.put("zfs_vdev_mirror", "vdev_mirror_stats");
        TABLES.put("zfs_xuio", "xuio_stats");
        TABLES.put("zfs_zfetch", "zfetchstats");
        TABLES.put("zfs_zil", "zil");
    }

    private static final List<String> POOL_STATES =
            List.of("online", "degraded", "faulted", "offline", "removed", "unavail", "suspended");

    private static final String KSTAT_INT64 = "3";
    private static final String KSTAT_UINT64 = "4";

    private final Path base;

    public ZfsCollector(ProcFiles files) {
        this.base = files.proc("spl/kstat/zfs");
    }

    @Override
    public String name() {
        return "zfs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        if (!base.toFile().isDirectory()) {
            return List.of(); // no ZFS module
        }
        Map<String, UnknownSnapshot.Builder> families = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            Path file = base.resolve(t.getValue());
            String text;
            try {
                text = ProcFiles.read(file);
            } catch (NoSuchFileException absent) {
                continue; // tables differ between ZFS versions
            }
            table(file, text, (field, value) -> add(families, "node_" + t.getKey() + "_" + metricName(field),
                    "kstat.zfs.misc." + t.getValue() + "." + field, value));
        }
        List<Path> pools = pools();
        for (Path pool : pools) {
            Path io = pool.resolve("io");
            if (io.toFile().exists()) {
                poolIo(io, pool.getFileName().toString(), families);
            }
        }
        for (Path pool : pools) {
            for (Path objset : objsets(pool)) {
                objset(objset, pool.getFileName().toString(), families);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(b -> out.add(b.build()));
        GaugeSnapshot.Builder state = null;
        for (Path pool : pools) {
            Path file = pool.resolve("state");
            String text;
            try {
                text = ProcFiles.read(file);
            } catch (NoSuchFileException absent) {
                continue;
            }
            if (state == null) {
                state = GaugeSnapshot.builder().name("node_zfs_zpool_state").help("kstat.zfs.misc.state");
            }
            String actual = text.split("\n", 2)[0].toLowerCase(Locale.ROOT);
            for (String s : POOL_STATES) {
                state.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("zpool", pool.getFileName().toString(), "state", s))
                        .value(actual.equals(s) ? 1 : 0).build());
            }
        }
        if (state != null) {
            out.add(state.build());
        }
        return out;
    }

    private interface FieldSink {
        void accept(String field, double value);
    }

    private interface RowSink {
        void accept(String[] fields, String line, int lineNumber) throws IOException;
    }

    /** The rows (three fields or more) after a {@code name type data} kstat header; no header is an error. */
    private static void rows(Path file, String text, RowSink sink) throws IOException {
        boolean header = false;
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String[] f = fields(line);
            if (!header) {
                header = f.length == 3 && f[0].equals("name") && f[1].equals("type") && f[2].equals("data");
                continue;
            }
            if (f.length >= 3) {
                sink.accept(f, line, n);
            }
        }
        if (!header) {
            throw new IOException(file + ": no 'name type data' header");
        }
    }

    /** A {@code name type data} kstat table: its int64 and uint64 rows. */
    private static void table(Path file, String text, FieldSink sink) throws IOException {
        rows(file, text, (f, line, n) -> {
            if (f[1].equals(KSTAT_UINT64)) {
                sink.accept(f[0], unsigned(file, n, f[2]));
            } else if (f[1].equals(KSTAT_INT64)) {
                try {
                    sink.accept(f[0], Long.parseLong(f[2]));
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + n + ": " + f[0] + " is not a signed integer: '" + f[2] + "'");
                }
            }
        });
    }

    /** The pool's I/O kstat: a header row (nread nwritten reads writes …) and one row of values. */
    private static void poolIo(Path file, String pool, Map<String, UnknownSnapshot.Builder> families)
            throws IOException {
        String[] header = null;
        int n = 0;
        for (String line : ProcFiles.read(file).split("\n")) {
            n++;
            String[] f = fields(line);
            if (header == null) {
                if (f.length >= 12 && f[0].equals("nread")) {
                    header = f;
                }
                continue;
            }
            if (f.length < header.length) {
                throw new IOException(file + ":" + n + ": expected " + header.length + " values, got " + f.length);
            }
            for (int i = 0; i < header.length; i++) {
                add(families, "node_zfs_zpool_" + metricName(header[i]), "kstat.zfs.misc.io." + header[i],
                        unsigned(file, n, f[i]), "zpool", pool);
            }
        }
    }

    /** A dataset's objset-0x… kstat: its name and uint64 counters. */
    private static void objset(Path file, String pool, Map<String, UnknownSnapshot.Builder> families)
            throws IOException {
        String[] dataset = {""};
        rows(file, ProcFiles.read(file), (f, line, n) -> {
            if (f[0].equals("dataset_name")) {
                dataset[0] = line.substring(line.indexOf(f[2], line.indexOf(f[1]) + f[1].length())).stripTrailing();
            } else if (f[1].equals(KSTAT_UINT64)) {
                add(families, "node_zfs_zpool_dataset_" + metricName(f[0]), "kstat.zfs.misc.objset." + f[0],
                        unsigned(file, n, f[2]), "zpool", pool, "dataset", dataset[0]);
            }
        });
    }

    private List<Path> pools() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : SysfsDirs.entries(base)) {
            if (p.toFile().isDirectory()) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Path> objsets(Path pool) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(pool, "objset-*")) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static void add(Map<String, UnknownSnapshot.Builder> families, String name, String help, double value,
                            String... labels) {
        families.computeIfAbsent(name, k -> UnknownSnapshot.builder().name(k).help(help))
                .dataPoint(UnknownDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build());
    }

    private static String metricName(String field) {
        return field.replace('-', '_');
    }

    private static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static double unsigned(Path file, int line, String s) throws IOException {
        try {
            long v = Long.parseUnsignedLong(s);
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + line + ": not an unsigned integer: '" + s + "'");
        }
    }
}
