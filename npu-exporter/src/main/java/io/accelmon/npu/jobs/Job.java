package io.accelmon.npu.jobs;

import java.util.Map;
import java.util.Set;

/**
 * An AI job seen on the node: one process with what the rules made of it. {@code id} is stable for the process's
 * life (hash of pid, start ticks and boot time). {@code present} is false for a job kept after it vanished (so its
 * last-seen time stays visible for the lost-job rule).
 */
public record Job(String id, Detection detection, String user, ProcInfo proc, double startTimeSeconds, int openFds,
                  Set<String> devices, Map<String, Long> deviceMemory, String cwd, double lastSeenSeconds,
                  boolean present) {

    public Job gone() {
        return new Job(id, detection, user, proc, startTimeSeconds, openFds, devices, deviceMemory, cwd,
                lastSeenSeconds, false);
    }
}
