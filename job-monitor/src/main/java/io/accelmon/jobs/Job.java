package io.accelmon.jobs;

import java.util.Map;
import java.util.Set;

/**
 * An AI job seen on the node: one process with what the rules made of it. {@code id} is stable for the process's
 * life (hash of pid, start ticks and boot time). {@code present} is false for a job kept after it vanished (so its
 * last-seen time stays visible for the lost-job rule). {@code distributed} is null for a job on one process;
 * {@code parameters} are for the job report only.
 */
public record Job(String id, Detection detection, ProcInfo proc, Set<String> devices, Map<String, Long> deviceMemory,
                  double lastSeenSeconds, boolean present, DistributedJob distributed, JobParameters parameters) {

    public String user() {
        return proc.user();
    }

    public double startTimeSeconds() {
        return proc.startTimeSeconds();
    }

    public int openFds() {
        return proc.openFds();
    }

    public String cwd() {
        return proc.cwd();
    }

    public Job gone() {
        return new Job(id, detection, proc, devices, deviceMemory, lastSeenSeconds, false, distributed, parameters);
    }
}
