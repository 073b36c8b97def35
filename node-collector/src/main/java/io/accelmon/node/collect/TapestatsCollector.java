package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * node_exporter's tapestats collector: I/O statistics of SCSI tape drives from /sys/class/scsi_tape/stN/stats (the
 * rewinding and mode-suffixed aliases stNa, nstN … share the drive and are skipped).
 */
public final class TapestatsCollector implements SourceCollector {

    /** node_exporter's {@code --collector.tapestats.ignored-devices} default. */
    public static final String DEFAULT_IGNORED = "^$";

    private static final Pattern DRIVE = Pattern.compile("^st[0-9]+$");

    /** stats/ file, family, counter or gauge, divisor. */
    private record Stat(String file, String family, boolean counter, double divisor) {
    }

    private static final List<Stat> STATS = List.of(
            new Stat("in_flight", "node_tape_io_now", false, 1),
            new Stat("io_ns", "node_tape_io_time_seconds_total", true, 1e9),
            new Stat("other_cnt", "node_tape_io_others_total", true, 1),
            new Stat("read_byte_cnt", "node_tape_read_bytes_total", true, 1),
            new Stat("read_cnt", "node_tape_reads_completed_total", true, 1),
            new Stat("read_ns", "node_tape_read_time_seconds_total", true, 1e9),
            new Stat("resid_cnt", "node_tape_residual_total", true, 1),
            new Stat("write_byte_cnt", "node_tape_written_bytes_total", true, 1),
            new Stat("write_cnt", "node_tape_writes_completed_total", true, 1),
            new Stat("write_ns", "node_tape_write_time_seconds_total", true, 1e9));

    private final Path scsiTape;
    private final Pattern ignored;

    public TapestatsCollector(ProcFiles files, Pattern ignored) {
        this.scsiTape = files.sys().resolve("class/scsi_tape");
        this.ignored = ignored;
    }

    @Override
    public String name() {
        return "tapestats";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> drives = new ArrayList<>();
        for (Path p : SysfsDirs.entries(scsiTape)) {
            String n = p.getFileName().toString();
            if (DRIVE.matcher(n).matches() && (ignored == null || !ignored.matcher(n).find())) {
                drives.add(p);
            }
        }
        if (drives.isEmpty()) {
            return List.of();
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (Stat st : STATS) {
            Families.Gauge g = st.counter() ? null : Families.gauge(st.family(), "Tape " + st.file());
            Families.Counter c = st.counter() ? Families.counter(st.family(), "Tape " + st.file()) : null;
            for (Path d : drives) {
                Double v = SysValue.number(d.resolve("stats").resolve(st.file()));
                if (v == null) {
                    throw new IOException(d.resolve("stats").resolve(st.file()) + ": missing");
                }
                String device = d.getFileName().toString();
                if (c != null) {
                    c.add(v / st.divisor(), "device", device);
                } else {
                    g.add(v / st.divisor(), "device", device);
                }
            }
            out.add(c != null ? c.build() : g.build());
        }
        return out;
    }
}
