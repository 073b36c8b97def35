package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.OsRelease;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's os collector: {@code node_os_info} and {@code node_os_version} from os-release(5), parsed again
 * only when the file's modification time or size changes (an OS upgrade rewrites it).
 */
public final class OsCollector implements SourceCollector {

    /** The labels of node_exporter 1.5's node_os_info, each an os-release key lower-cased. */
    static final List<String> INFO_LABELS = List.of("build_id", "id", "id_like", "image_id", "image_version", "name",
            "pretty_name", "variant", "variant_id", "version", "version_codename", "version_id");

    private final List<Path> candidates;
    /** The families of the os-release file last read, reused while that file's time and size stay the same. */
    private volatile Parsed last;

    private record Parsed(Path file, FileTime modified, long size, List<MetricSnapshot> families) {
    }

    public OsCollector(ProcFiles files) {
        this.candidates = List.of(files.etc("os-release"), files.rootfs().resolve("usr/lib/os-release"));
    }

    @Override
    public String name() {
        return "os";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        for (Path p : candidates) {
            if (p.toFile().canRead()) {
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                Parsed cached = last;
                if (cached != null && cached.file.equals(p) && cached.modified.equals(attrs.lastModifiedTime())
                        && cached.size == attrs.size()) {
                    return cached.families;
                }
                List<MetricSnapshot> families = families(OsRelease.parse(ProcFiles.readUtf8(p)));
                last = new Parsed(p, attrs.lastModifiedTime(), attrs.size(), families);
                return families;
            }
        }
        throw new java.io.FileNotFoundException("no os-release file in " + candidates);
    }

    static List<MetricSnapshot> families(Map<String, String> release) {
        String[] pairs = new String[INFO_LABELS.size() * 2];
        for (int i = 0; i < INFO_LABELS.size(); i++) {
            pairs[2 * i] = INFO_LABELS.get(i);
            pairs[2 * i + 1] = release.getOrDefault(INFO_LABELS.get(i).toUpperCase(java.util.Locale.ROOT), "");
        }
        return List.of(
                Families.gauge("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, "
                        + "image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, "
                        + "version_id.").add(1, pairs).build(),
                Families.gauge("node_os_version", "Metric containing the major.minor part of the OS version.")
                        .add(OsRelease.versionNumber(release.get("VERSION_ID")),
                                "id", release.getOrDefault("ID", ""), "id_like", release.getOrDefault("ID_LIKE", ""),
                                "name", release.getOrDefault("NAME", ""))
                        .build());
    }
}
