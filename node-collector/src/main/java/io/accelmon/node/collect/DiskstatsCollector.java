package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.DiskStats;
import io.accelmon.node.source.DiskStats.Disk;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.regex.Pattern;

/** node_exporter's diskstats collector (the families dashboards use) from /proc/diskstats. */
public final class DiskstatsCollector implements SourceCollector {

    private final ProcFiles files;
    private final Pattern exclude;

    public DiskstatsCollector(ProcFiles files, Pattern exclude) {
        this.files = files;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "diskstats";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        return families(DiskStats.parse(ProcFiles.read(files.proc("diskstats")), exclude));
    }

    static List<MetricSnapshot> families(List<Disk> disks) {
        Families.Counter reads = Families.counter("node_disk_reads_completed_total",
                "The total number of reads completed successfully.");
        Families.Counter readBytes = Families.counter("node_disk_read_bytes_total",
                "The total number of bytes read successfully.");
        Families.Counter writes = Families.counter("node_disk_writes_completed_total",
                "The total number of writes completed successfully.");
        Families.Counter written = Families.counter("node_disk_written_bytes_total",
                "The total number of bytes written successfully.");
        Families.Counter ioTime = Families.counter("node_disk_io_time_seconds_total",
                "Total seconds spent doing I/Os.");
        for (Disk d : disks) {
            reads.add(d.readsCompleted(), "device", d.device());
            readBytes.add(d.sectorsRead() * (double) DiskStats.SECTOR_BYTES, "device", d.device());
            writes.add(d.writesCompleted(), "device", d.device());
            written.add(d.sectorsWritten() * (double) DiskStats.SECTOR_BYTES, "device", d.device());
            ioTime.add(d.ioTimeMillis() / 1000.0, "device", d.device());
        }
        return List.of(reads.build(), readBytes.build(), writes.build(), written.build(), ioTime.build());
    }
}
