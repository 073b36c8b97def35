package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.Mounts;
import io.accelmon.node.source.Mounts.Mount;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.Statfs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * node_exporter's filesystem collector: size, free, avail, files, files_free, readonly and device_error per mount,
 * skipping pseudo file systems; statvfs runs behind {@code --collector.filesystem.mount-timeout}.
 */
public final class FilesystemCollector implements SourceCollector {

    private static final Logger LOG = Logger.getLogger(FilesystemCollector.class.getName());

    private final Path mountsFile;
    private final Path fallbackMountsFile;
    private final Pattern mountPointsExclude;
    private final Pattern fsTypesExclude;
    private final Statfs statfs;
    private final Duration mountTimeout;

    public FilesystemCollector(ProcFiles files, Pattern mountPointsExclude, Pattern fsTypesExclude, Statfs statfs,
                               Duration mountTimeout) {
        this.mountsFile = files.proc("1/mounts");
        this.fallbackMountsFile = files.proc("self/mounts");
        this.mountPointsExclude = mountPointsExclude;
        this.fsTypesExclude = fsTypesExclude;
        this.statfs = statfs;
        this.mountTimeout = mountTimeout;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        String text;
        try {
            text = ProcFiles.read(mountsFile);
        } catch (java.io.IOException e) {
            text = ProcFiles.read(fallbackMountsFile);
        }
        List<Mount> mounts = Mounts.parse(text, mountPointsExclude, fsTypesExclude);
        Map<String, Statfs.Outcome> outcomes = statfs.read(mounts.stream().map(Mount::mountPoint).distinct().toList(),
                mountTimeout);
        return families(mounts, outcomes);
    }

    static List<MetricSnapshot> families(List<Mount> mounts, Map<String, Statfs.Outcome> outcomes) {
        Families.Gauge size = Families.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.");
        Families.Gauge free = Families.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.");
        Families.Gauge avail = Families.gauge("node_filesystem_avail_bytes",
                "Filesystem space available to non-root users in bytes.");
        Families.Gauge files = Families.gauge("node_filesystem_files", "Filesystem total file nodes.");
        Families.Gauge filesFree = Families.gauge("node_filesystem_files_free", "Filesystem total free file nodes.");
        Families.Gauge readOnly = Families.gauge("node_filesystem_readonly", "Filesystem read-only status.");
        Families.Gauge deviceError = Families.gauge("node_filesystem_device_error",
                "Whether an error occurred while getting statistics for the given device.");
        for (Mount m : mounts) {
            String[] labels = {"device", m.device(), "fstype", m.fsType(), "mountpoint", m.mountPoint()};
            Statfs.Outcome o = outcomes.get(m.mountPoint());
            boolean ok = o != null && o.ok();
            if (!ok) {
                LOG.fine(() -> "statvfs " + m.mountPoint() + ": " + (o == null ? "no result" : o.error()));
            }
            deviceError.add(ok ? 0 : 1, labels);
            readOnly.add(m.readOnly() ? 1 : 0, labels);
            if (ok) {
                Statfs.Usage u = o.usage();
                size.add(u.size(), labels);
                free.add(u.free(), labels);
                avail.add(u.avail(), labels);
                files.add(u.files(), labels);
                filesFree.add(u.filesFree(), labels);
            }
        }
        return List.of(size.build(), free.build(), avail.build(), files.build(), filesFree.build(), readOnly.build(),
                deviceError.build());
    }

}
