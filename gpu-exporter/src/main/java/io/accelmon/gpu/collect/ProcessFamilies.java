package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-process GPU memory and SM utilization, the pid → user/command/Slurm job/container/pod info family, GPU memory
 * per user and SM-busy seconds per user. The attribution labels live only here, never on device series: joining on pid
 * is the dashboard's choice. SM-busy seconds accumulate across reads (one read at a time, behind ScrapeGuard).
 */
final class ProcessFamilies {

    /** The {@code user} label of processes whose owner could not be read (exited, other pid namespace). */
    static final String UNKNOWN_USER = "unknown";

    private final Map<List<String>, Double> smBusySeconds = new ConcurrentHashMap<>();

    void add(GpuSnapshot snapshot, Workloads workloads, Families out) {
        Map<Integer, GpuDevice> byIndex = new LinkedHashMap<>();
        snapshot.devices().forEach(d -> byIndex.put(d.index(), d));

        // a pid can be listed twice on one GPU (several contexts): one series per (gpu, pid), summed
        Map<List<String>, Double> perProcess = new LinkedHashMap<>();
        Map<List<String>, Double> smPerProcess = new LinkedHashMap<>();
        Map<List<String>, Double> perUser = new LinkedHashMap<>();
        for (GpuProcess p : snapshot.processes()) {
            String gpu = Integer.toString(p.gpuIndex());
            GpuDevice d = byIndex.get(p.gpuIndex());
            List<String> process = List.of(gpu, p.gpuUuid(), Long.toString(p.pid()),
                    p.gpuInstanceId().isPresent() ? Integer.toString(p.gpuInstanceId().getAsInt()) : "");
            List<String> user = List.of(gpu, p.gpuUuid(), d == null ? "" : d.name(), user(workloads.who(p.pid())));
            if (p.smUtilization().isPresent()) {
                double ratio = p.smUtilization().getAsDouble();
                // the same pid twice on one GPU is one process: its samples are the same, so keep one
                smPerProcess.put(process, ratio);
                smBusySeconds.merge(user, ratio * p.smWindowSeconds(), Double::sum);
            }
            if (p.usedMemoryBytes().isPresent()) {
                double bytes = p.usedMemoryBytes().getAsLong();
                perProcess.merge(process, bytes, Double::sum);
                perUser.merge(user, bytes, Double::sum);
            }
        }
        perProcess.forEach((k, bytes) -> out.gauge("gpu_process_memory_used_bytes",
                "GPU memory used by a process, in bytes.", processLabels(k), bytes));
        smPerProcess.forEach((k, ratio) -> out.gauge("gpu_process_sm_utilization_ratio",
                "Mean SM utilization of a process over the driver's samples since the previous scrape (0-1; "
                        + "nvmlDeviceGetProcessUtilization).", processLabels(k), ratio));
        for (ProcessAttribution a : workloads.byPid().values()) {
            out.info("gpu_process", "Who runs a GPU process: user, command name (never its arguments), Slurm job, "
                    + "container id, and for a process in a Kubernetes pod its namespace, pod and container name; "
                    + "value 1.", Labels.of("pid", Long.toString(a.pid()), "user", a.user(),
                    "command", a.command(), "slurm_job", a.slurmJob(), "container", a.container(),
                    "namespace", a.namespace(), "pod", a.pod(), "container_name", a.podContainer()));
        }
        perUser.forEach((k, bytes) -> out.gauge("gpu_user_memory_used_bytes",
                "GPU memory used by all processes of a user, in bytes.", userLabels(k), bytes));
        out.declareCounter("gpu_user_sm_busy_seconds", "SM-busy seconds of all processes of a user since the "
                + "exporter started: per-process SM utilization times the time it covers, summed per user.");
        smBusySeconds.forEach((k, seconds) -> out.counter("gpu_user_sm_busy_seconds", "", null, userLabels(k),
                seconds));
    }

    private static String user(ProcessAttribution a) {
        return a.user().isEmpty() ? UNKNOWN_USER : a.user();
    }

    /** gpu, uuid, pid, and the MIG GPU instance for a process in one. */
    private static Labels processLabels(List<String> k) {
        Labels l = Labels.of("gpu", k.get(0), "uuid", k.get(1), "pid", k.get(2));
        return k.get(3).isEmpty() ? l : l.add("gpu_instance_id", k.get(3));
    }

    private static Labels userLabels(List<String> k) {
        return Labels.of("gpu", k.get(0), "uuid", k.get(1), "name", k.get(2), "user", k.get(3));
    }
}
