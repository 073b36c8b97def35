package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-process GPU memory, the pid → user/command/Slurm job/container info family, and GPU memory per user. The
 * attribution labels live only here, never on device series: joining on pid is the dashboard's choice.
 */
final class ProcessFamilies {

    /** The {@code user} label of processes whose owner could not be read (exited, other pid namespace). */
    static final String UNKNOWN_USER = "unknown";

    private final ProcessAttributor attributor;

    ProcessFamilies(ProcessAttributor attributor) {
        this.attributor = attributor;
    }

    void add(GpuSnapshot snapshot, Families out) {
        Map<Integer, GpuDevice> byIndex = new LinkedHashMap<>();
        snapshot.devices().forEach(d -> byIndex.put(d.index(), d));
        Set<Long> pids = new LinkedHashSet<>();
        snapshot.processes().forEach(p -> pids.add(p.pid()));
        Map<Long, ProcessAttribution> who = attributor.attribute(new ArrayList<>(pids));

        // a pid can be listed twice on one GPU (several contexts): one series per (gpu, pid), summed
        Map<List<String>, Double> perProcess = new LinkedHashMap<>();
        Map<List<String>, Double> perUser = new LinkedHashMap<>();
        for (GpuProcess p : snapshot.processes()) {
            if (p.usedMemoryBytes().isEmpty()) {
                continue;
            }
            double bytes = p.usedMemoryBytes().getAsLong();
            String gpu = Integer.toString(p.gpuIndex());
            GpuDevice d = byIndex.get(p.gpuIndex());
            perProcess.merge(List.of(gpu, p.gpuUuid(), Long.toString(p.pid())), bytes, Double::sum);
            String user = who.getOrDefault(p.pid(), ProcessAttribution.unknown(p.pid())).user();
            perUser.merge(List.of(gpu, p.gpuUuid(), d == null ? "" : d.name(), user.isEmpty() ? UNKNOWN_USER : user),
                    bytes, Double::sum);
        }
        perProcess.forEach((k, bytes) -> out.gauge("gpu_process_memory_used_bytes",
                "GPU memory used by a process, in bytes.", Labels.of("gpu", k.get(0), "uuid", k.get(1), "pid",
                k.get(2)), bytes));
        for (ProcessAttribution a : who.values()) {
            out.info("gpu_process", "Who runs a GPU process: user, command name (never its arguments), Slurm job, "
                    + "container; value 1.", Labels.of("pid", Long.toString(a.pid()), "user", a.user(),
                    "command", a.command(), "slurm_job", a.slurmJob(), "container", a.container()));
        }
        perUser.forEach((k, bytes) -> out.gauge("gpu_user_memory_used_bytes",
                "GPU memory used by all processes of a user, in bytes.",
                Labels.of("gpu", k.get(0), "uuid", k.get(1), "name", k.get(2), "user", k.get(3)), bytes));
    }
}
