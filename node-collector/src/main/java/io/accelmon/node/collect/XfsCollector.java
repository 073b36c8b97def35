package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * node_exporter's xfs collector: per mounted XFS file system, the allocation, block mapping, directory, inode,
 * read/write and vnode counters of /sys/fs/xfs/&lt;device&gt;/stats/stats (the sections node_exporter serves; the
 * others are left out as it leaves them out).
 */
public final class XfsCollector implements SourceCollector {

    /** section, column, family. */
    private record Field(String section, int column, String family) {
    }

    private static final List<Field> FIELDS = new ArrayList<>();

    private static void section(String section, String prefix, String... names) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                FIELDS.add(new Field(section, i, "node_xfs_" + prefix + names[i] + "_total"));
            }
        }
    }

    static {
        section("extent_alloc", "extent_allocation_", "extents_allocated", "blocks_allocated", "extents_freed",
                "blocks_freed");
        section("abt", "allocation_btree_", "lookups", "compares", "records_inserted", "records_deleted");
        section("blk_map", "block_mapping_", "reads", "writes", "unmaps", "extent_list_insertions",
                "extent_list_deletions", "extent_list_lookups", "extent_list_compares");
        section("bmbt", "block_map_btree_", "lookups", "compares", "records_inserted", "records_deleted");
        section("dir", "directory_operation_", "lookup", "create", "remove", "getdents");
        section("ig", "inode_operation_", "attempts", "found", "recycled", "missed", "duplicates", "reclaims",
                "attribute_changes");
        section("rw", "", "write_calls", "read_calls");
        section("vnodes", "vnode_", "active", "allocate", "get", "hold", "release", "reclaim", "remove");
    }

    private final Path xfs;

    public XfsCollector(ProcFiles files) {
        this.xfs = files.sys().resolve("fs/xfs");
    }

    @Override
    public String name() {
        return "xfs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> devices = SysfsDirs.entries(xfs);
        Map<String, Families.Counter> families = new LinkedHashMap<>();
        for (Path dev : devices) {
            String device = dev.getFileName().toString();
            if (device.equals("stats")) {
                continue; // the sum over all file systems, not a device
            }
            Path file = dev.resolve("stats/stats");
            Optional<String> text = SourceFile.readIfPresent(file);
            if (text.isEmpty()) {
                continue;
            }
            Map<String, String[]> sections = new HashMap<>();
            for (String line : text.get().split("\n")) {
                String[] f = line.trim().split("\\s+");
                sections.put(f[0], f);
            }
            for (Field fd : FIELDS) {
                String[] f = sections.get(fd.section());
                if (f == null) {
                    continue;
                }
                if (f.length <= fd.column() + 1) {
                    throw new IOException(file + ": " + fd.section() + ": want at least " + (fd.column() + 1)
                            + " numbers");
                }
                double v;
                try {
                    v = Long.parseUnsignedLong(f[fd.column() + 1]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": " + fd.section() + ": not a number: '" + f[fd.column() + 1] + "'");
                }
                families.computeIfAbsent(fd.family(), n -> Families.counter(n, "XFS " + fd.section() + " counter"))
                        .add(v, "device", device);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(c -> out.add(c.build()));
        return out;
    }
}
