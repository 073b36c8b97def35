package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.DiskStats;
import io.accelmon.node.source.DiskStats.Disk;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.UdevData;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** node_exporter's diskstats collector: every /proc/diskstats counter plus {@code node_disk_info} from udev. */
public final class DiskstatsCollector implements SourceCollector {

    /** How a counter column becomes a family: name, help, scale (sectors to bytes, ms to s), gauge or counter. */
    private record Column(String name, String help, double scale, boolean gauge) {
    }

    private static final double MS = 0.001;
    private static final double SECTOR = DiskStats.SECTOR_BYTES;

    private static final List<Column> COLUMNS = List.of(
            new Column("node_disk_reads_completed_total", "The total number of reads completed successfully.", 1,
                    false),
            new Column("node_disk_reads_merged_total", "The total number of reads merged.", 1, false),
            new Column("node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR, false),
            new Column("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MS,
                    false),
            new Column("node_disk_writes_completed_total", "The total number of writes completed successfully.", 1,
                    false),
            new Column("node_disk_writes_merged_total", "The number of writes merged.", 1, false),
            new Column("node_disk_written_bytes_total", "The total number of bytes written successfully.", SECTOR,
                    false),
            new Column("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
                    MS, false),
            new Column("node_disk_io_now", "The number of I/Os currently in progress.", 1, true),
            new Column("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS, false),
            new Column("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", MS,
                    false),
            new Column("node_disk_discards_completed_total", "The total number of discards completed successfully.",
                    1, false),
            new Column("node_disk_discards_merged_total", "The total number of discards merged.", 1, false),
            new Column("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", 1,
                    false),
            new Column("node_disk_discard_time_seconds_total",
                    "This is the total number of seconds spent by all discards.", MS, false),
            new Column("node_disk_flush_requests_total", "The total number of flush requests completed successfully",
                    1, false),
            new Column("node_disk_flush_requests_time_seconds_total",
                    "This is the total number of seconds spent by all flush requests.", MS, false));

    private final ProcFiles files;
    private final Pattern exclude;
    private final Path udevData;

    public DiskstatsCollector(ProcFiles files, Pattern exclude, Path udevData) {
        this.files = files;
        this.exclude = exclude;
        this.udevData = udevData;
    }

    @Override
    public String name() {
        return "diskstats";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        return families(DiskStats.parse(ProcFiles.read(files.proc("diskstats")), exclude));
    }

    List<MetricSnapshot> families(List<Disk> disks) {
        Families.Gauge info = Families.gauge("node_disk_info", "Info of /sys/block/<block_device>.");
        List<Object> builders = new ArrayList<>();
        for (Column c : COLUMNS) {
            builders.add(c.gauge() ? Families.gauge(c.name(), c.help()) : Families.counter(c.name(), c.help()));
        }
        for (Disk d : disks) {
            Map<String, String> udev = UdevData.properties(udevData, d.major(), d.minor());
            String serial = udev.getOrDefault("SCSI_IDENT_SERIAL", "");
            if (serial.isEmpty()) {
                serial = udev.getOrDefault("ID_SERIAL_SHORT", "");
            }
            if (serial.isEmpty()) {
                serial = udev.getOrDefault("ID_SERIAL", "");
            }
            info.add(1, "device", d.device(), "major", Integer.toString(d.major()), "minor",
                    Integer.toString(d.minor()), "path", udev.getOrDefault("ID_PATH", ""), "wwn",
                    udev.getOrDefault("ID_WWN", ""), "model", udev.getOrDefault("ID_MODEL", ""), "serial", serial,
                    "revision", udev.getOrDefault("ID_REVISION", ""));
            long[] v = d.counters();
            for (int i = 0; i < COLUMNS.size() && i < v.length; i++) {
                double value = v[i] * COLUMNS.get(i).scale();
                if (builders.get(i) instanceof Families.Gauge g) {
                    g.add(value, "device", d.device());
                } else {
                    ((Families.Counter) builders.get(i)).add(value, "device", d.device());
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        if (!disks.isEmpty()) {
            out.add(info.build());
        }
        for (Object b : builders) {
            MetricSnapshot s = b instanceof Families.Gauge g ? g.build() : ((Families.Counter) b).build();
            if (!s.getDataPoints().isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
