package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.MdStat;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** node_exporter's mdadm collector: software RAID state, disks and sync progress from /proc/mdstat. */
public final class MdadmCollector implements SourceCollector {

    private static final List<String> STATES = List.of("active", "inactive", "recovering", "resync", "check");

    private final Path file;

    public MdadmCollector(ProcFiles files) {
        this.file = files.proc("mdstat");
    }

    @Override
    public String name() {
        return "mdadm";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        List<MdStat.Array> arrays = MdStat.parse(file, text.get());
        if (arrays.isEmpty()) {
            return List.of();
        }
        Families.Gauge state = Families.gauge("node_md_state", "Indicates the state of md-device.");
        Families.Gauge disks = Families.gauge("node_md_disks", "Number of active/failed/spare disks of device.");
        Families.Gauge required = Families.gauge("node_md_disks_required",
                "Total number of disks of device.");
        Families.Gauge blocks = Families.gauge("node_md_blocks", "Total number of blocks on device.");
        Families.Gauge synced = Families.gauge("node_md_blocks_synced", "Number of blocks synced on device.");
        for (MdStat.Array a : arrays) {
            for (String s : STATES) {
                state.add(s.equals(a.state()) ? 1 : 0, "device", a.name(), "state", s);
            }
            disks.add(a.disksActive(), "device", a.name(), "state", "active");
            disks.add(a.disksFailed(), "device", a.name(), "state", "failed");
            disks.add(a.disksSpare(), "device", a.name(), "state", "spare");
            required.add(a.disksTotal(), "device", a.name());
            blocks.add(a.blocks(), "device", a.name());
            synced.add(a.blocksSynced(), "device", a.name());
        }
        return List.of(state.build(), disks.build(), required.build(), blocks.build(), synced.build());
    }
}
