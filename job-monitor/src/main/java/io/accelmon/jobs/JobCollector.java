package io.accelmon.jobs;

import io.accelmon.core.scrape.SourceCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The {@code accelmon_job_*} families of docs/contracts.md from the latest scan. No environment and no arguments:
 * {@code job_name} is the script or module. Vanished jobs keep only {@code accelmon_job_last_seen_timestamp_seconds}
 * during the retention, for the lost-job rule.
 */
public final class JobCollector implements SourceCollector {

    private final JobMonitor monitor;

    public JobCollector(JobMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public List<MetricSnapshot> collect() {
        JobFamilies f = new JobFamilies();
        f.gauge("accelmon_job_monitor_active", "1 when this exporter reports the host's jobs; 0 when another exporter "
                + "on the host holds the job monitor's lock.", Labels.EMPTY, monitor.active() ? 1 : 0);
        f.declare("accelmon_job_info", "An AI job on this node; value 1.");
        for (Job j : monitor.latest()) {
            Labels id = Labels.of("job_id", j.id());
            f.gauge("accelmon_job_last_seen_timestamp_seconds",
                    "When the job was last seen running (epoch seconds); lost when more than 5 minutes ago.", id,
                    j.lastSeenSeconds());
            DistributedJob dj = j.distributed();
            if (dj != null) {
                f.gauge("accelmon_job_distributed_info", "The distributed job this job's process is a rank or launcher "
                        + "of (same distributed_job on every rank); value 1. Kept while a vanished job is retained, "
                        + "for the rank-lost rule.", id.merge(Labels.of("distributed_job", dj.id(), "role", dj.role(),
                        "launcher", dj.launcher(), "rank", dj.rank(), "world_size", dj.worldSize(),
                        "node_rank", dj.nodeRank())), 1);
            }
            if (!j.present()) {
                continue;
            }
            Detection d = j.detection();
            f.gauge("accelmon_job_info", "An AI job on this node; value 1.", Labels.of("job_id", j.id(),
                    "job_name", d.jobName(), "framework", d.framework().isEmpty() ? "unknown" : d.framework(),
                    "type", d.type(), "user", j.user(), "pid", Long.toString(j.proc().pid())), 1);
            f.gauge("accelmon_job_start_time_seconds", "Job start time, epoch seconds.", id, j.startTimeSeconds());
            f.counter("accelmon_job_cpu_seconds", "CPU time used by the job's process (user + system).", id,
                    j.proc().cpuSeconds());
            f.gauge("accelmon_job_resident_memory_bytes", "Resident memory of the job's process, bytes.", id,
                    j.proc().residentBytes());
            f.gauge("accelmon_job_threads", "Threads of the job's process.", id, j.proc().threads());
            if (j.openFds() >= 0) {
                f.gauge("accelmon_job_open_fds", "Open file descriptors of the job's process.", id, j.openFds());
            }
            for (String device : j.devices()) {
                f.gauge("accelmon_job_devices", "Accelerators the job holds (npuN, gpuN); value 1.",
                        id.merge(Labels.of("device", device)), 1);
            }
            for (Map.Entry<String, Long> e : j.deviceMemory().entrySet()) {
                f.gauge("accelmon_job_device_memory_bytes", "Device memory the job holds, bytes.",
                        id.merge(Labels.of("device", e.getKey())), e.getValue());
            }
        }
        return f.build();
    }
}
