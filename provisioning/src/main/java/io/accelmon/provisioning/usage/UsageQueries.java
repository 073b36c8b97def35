package io.accelmon.provisioning.usage;

import java.time.Duration;

/** The PromQL behind {@code accelmon usage} (metric names from docs/contracts.md). */
public final class UsageQueries {

    private UsageQueries() {
    }

    /**
     * GPUs in use per (server_name, user, model) at each step: a GPU counts as used by a user while a process of that user
     * holds memory on it; the model comes from {@code gpu_info}.
     */
    public static final String GPUS_IN_USE = "count by (server_name, server, hostname, user, name) ("
            + "(gpu_user_memory_used_bytes > 0) * on (instance, uuid) group_left (name) gpu_info)";

    /** GPU memory a user holds on a server at each step (summed over its GPUs). */
    public static final String GPU_MEMORY = "sum by (server_name, server, hostname, user) (gpu_user_memory_used_bytes)";

    /** CPU core-seconds per (server, user) over the window ending at the evaluation time. */
    public static String cpuCoreSeconds(Duration window) {
        return "sum by (server_name, server, hostname, user) (increase(accelmon_user_cpu_seconds_total[" + range(window)
                + "]))";
    }

    /**
     * SM-busy seconds per (server, user, GPU model) over the window ending at the evaluation time: gpu-exporter adds,
     * per process, its SM utilization times the time it covers.
     */
    public static String gpuSmBusySeconds(Duration window) {
        return "sum by (server_name, server, hostname, user, name) (increase(gpu_user_sm_busy_seconds_total["
                + range(window) + "]))";
    }

    /** The shortest Prometheus spelling of a whole number of seconds ({@code 3600 -> 1h}, {@code 90 -> 90s}). */
    static String range(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
