package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the GPU source and maps the snapshot to families; runs behind exporter-core's ScrapeGuard. */
public final class GpuCollector implements SourceCollector {

    /** How the device families are named: accelmon's default, dcgm-exporter's or nvidia_gpu_exporter's. */
    public enum Naming { DEFAULT, DCGM, NVIDIA_SMI }

    private final GpuSource source;
    private final XidCounts xids;
    private final MetricNaming naming;
    private final ProcessAttributor attributor;
    private final ProcessFamilies processes = new ProcessFamilies();
    private final SelfMetrics self;
    private volatile List<GpuProcess> lastProcesses = List.of();

    /**
     * @param xids Xid counts, or {@code null} to take the source's (none for sources without events)
     * @param hostname the {@code Hostname}/{@code hostname} label value in dcgm naming
     * @param kubernetes dcgm naming: pod labels on the device series of a GPU one pod holds
     */
    public GpuCollector(GpuSource source, XidCounts xids, Naming naming, String hostname, String hostnameLabel,
                        boolean kubernetes, ProcessAttributor attributor, SelfMetrics self) {
        this.source = source;
        this.xids = xids;
        this.naming = switch (naming) {
            case DCGM -> new DcgmNaming(hostname, hostnameLabel, kubernetes);
            case NVIDIA_SMI -> new NvidiaSmiNaming();
            default -> new DefaultNaming();
        };
        this.attributor = attributor;
        this.self = self;
    }

    public GpuCollector(GpuSource source, XidCounts xids, Naming naming, String hostname, String hostnameLabel,
                        ProcessAttributor attributor, SelfMetrics self) {
        this(source, xids, naming, hostname, hostnameLabel, false, attributor, self);
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        GpuSnapshot snapshot;
        try {
            snapshot = source.read();
        } catch (Exception e) {
            lastProcesses = List.of();
            throw e;
        }
        lastProcesses = snapshot.processes();
        self.lostGpus(snapshot.lostCount());
        return families(snapshot);
    }

    /**
     * The compute processes of the latest successful read, none after a failed one: the job monitor's device memory,
     * without a second read of the driver beside the scrapes (NVML's per-process utilization window belongs to them).
     */
    public List<GpuProcess> lastProcesses() {
        return lastProcesses;
    }

    List<MetricSnapshot> families(GpuSnapshot snapshot) {
        Set<Long> pids = new LinkedHashSet<>();
        snapshot.processes().forEach((GpuProcess p) -> pids.add(p.pid()));
        Workloads workloads = Workloads.of(snapshot, attributor.attribute(new ArrayList<>(pids)));
        Families out = new Families();
        naming.devices(snapshot, xids != null ? xids : source.xids(), workloads, out);
        if (naming instanceof DcgmNaming) {
            // dcgm-exporter has no lost or per-process families: keep accelmon's
            snapshot.devices().forEach(d -> out.gauge("gpu_lost", "1 while the GPU is lost (fallen off the bus or "
                    + "inaccessible), else 0.", DefaultNaming.device(d), d.lost() ? 1 : 0));
        }
        if (naming.keepsProcessFamilies()) {
            processes.add(snapshot, workloads, out);
        }
        return out.build();
    }
}
