package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Reads the GPU source and maps the snapshot to families; runs behind exporter-core's ScrapeGuard. */
public final class GpuCollector implements SourceCollector {

    /** How the device families are named: accelmon's default or dcgm-exporter's. */
    public enum Naming { DEFAULT, DCGM }

    private final GpuSource source;
    private final XidCounts xids;
    private final MetricNaming naming;
    private final ProcessFamilies processes;
    private final SelfMetrics self;

    /**
     * @param xids Xid counts from the NVML event thread, or {@code null} for sources without events
     * @param hostname the {@code Hostname}/{@code hostname} label value in dcgm naming
     */
    public GpuCollector(GpuSource source, XidCounts xids, Naming naming, String hostname, String hostnameLabel,
                        ProcessAttributor attributor, SelfMetrics self) {
        this.source = source;
        this.xids = xids;
        this.naming = naming == Naming.DCGM ? new DcgmNaming(hostname, hostnameLabel) : new DefaultNaming();
        this.processes = new ProcessFamilies(attributor);
        this.self = self;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        GpuSnapshot snapshot = source.read();
        self.lostGpus(snapshot.lostCount());
        return families(snapshot);
    }

    List<MetricSnapshot> families(GpuSnapshot snapshot) {
        Families out = new Families();
        naming.devices(snapshot, xids, out);
        if (naming instanceof DcgmNaming) {
            // dcgm-exporter has no lost or per-process families: keep accelmon's
            snapshot.devices().forEach(d -> out.gauge("gpu_lost", "1 while the GPU is lost (fallen off the bus or "
                    + "inaccessible), else 0.", DefaultNaming.device(d), d.lost() ? 1 : 0));
        }
        processes.add(snapshot, out);
        return out.build();
    }
}
