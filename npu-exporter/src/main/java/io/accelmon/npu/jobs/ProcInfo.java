package io.accelmon.npu.jobs;

import java.util.List;

/**
 * What one pass over {@code /proc/PID} read about a process. {@code startTicks} is field 22 of {@code stat} (clock
 * ticks since boot), the identity that with the pid makes a job id stable across scrapes.
 */
public record ProcInfo(long pid, long ppid, long pgid, String comm, char state, List<String> argv, long startTicks,
                       double cpuSeconds, long residentBytes, int threads) {

    /** The seed's job status word. */
    public String status() {
        return switch (state) {
            case 'R', 'S', 'D', 'I' -> "running";
            case 'T', 't' -> "stopped";
            case 'Z', 'X' -> "zombie";
            default -> "unknown";
        };
    }
}
