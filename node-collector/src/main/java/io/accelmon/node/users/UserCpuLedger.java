package io.accelmon.node.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Keeps {@code accelmon_user_cpu_seconds_total} monotonic although processes come and go: each scrape adds every live
 * process's CPU time since the previous scrape to its user's total, so the CPU of a process that has exited stays
 * counted. A process first seen contributes all the CPU it has used since it started.
 */
public final class UserCpuLedger {

    private record ProcessKey(int pid, long startTime) {
    }

    private Map<ProcessKey, Long> lastTicks = new HashMap<>();
    private final Map<String, Long> totalTicks = new TreeMap<>();

    /** Adds one scrape's process table and returns each user's CPU ticks so far (users never disappear). */
    public synchronized Map<String, Long> update(List<ProcessSample> processes, IntFunction<String> userOf) {
        Map<ProcessKey, Long> seen = new HashMap<>(processes.size() * 2);
        for (ProcessSample p : processes) {
            ProcessKey key = new ProcessKey(p.pid(), p.startTime());
            long before = lastTicks.getOrDefault(key, 0L);
            long delta = p.cpuTicks() - before;
            if (delta > 0) {
                totalTicks.merge(userOf.apply(p.uid()), delta, Long::sum);
            } else {
                totalTicks.putIfAbsent(userOf.apply(p.uid()), 0L);
            }
            seen.put(key, Math.max(before, p.cpuTicks()));
        }
        lastTicks = seen;
        return Map.copyOf(totalTicks);
    }
}
