package io.accelmon.jobs;

import java.util.List;

/**
 * A detected job's process as {@link JobProcesses} read it (through OSHI, plus {@code pgid} from {@code /proc}).
 * {@code startTicks} (clock ticks after boot) is the identity that with the pid and the boot time makes a job id
 * stable across scrapes. {@code openFds} is -1 when the process's fd table is not ours to read; {@code status} is the
 * job status word (running, stopped, zombie, unknown).
 */
public record ProcInfo(long pid, long ppid, long pgid, String comm, String status, List<String> argv, long startTicks,
                       double startTimeSeconds, double cpuSeconds, long residentBytes, int threads, int openFds,
                       String user, String cwd) {
}
