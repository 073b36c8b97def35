package io.accelmon.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * Reads a detected job's process metrics through OSHI ({@link OperatingSystem#getProcess}): start time, CPU seconds,
 * resident memory, threads, open file descriptors, user, ppid, name, cwd and state. Only what OSHI does not give comes
 * from {@link ProcFs}: the process group id, and whether an fd table OSHI counts as empty is in fact unreadable.
 * Used by the scan thread only (not thread-safe).
 */
public final class JobProcesses {

    private static final long USER_NAMES_MILLIS = 5 * 60 * 1000; // OSHI's own passwd cache lifetime

    private final OperatingSystem os;
    private final ProcFs proc;
    private final Map<String, String> userNames = new HashMap<>();
    private long userNamesSince;

    /** {@code os} is built once per exporter ({@code new SystemInfo().getOperatingSystem()}). */
    public JobProcesses(OperatingSystem os, ProcFs proc) {
        this.os = os;
        this.proc = proc;
    }

    /** Boot time in epoch seconds ({@code btime}), the one OSHI derives process start times from. */
    public long bootTime() {
        return os.getSystemBootTime();
    }

    /**
     * The process, or null when it is gone or so young that OSHI clamped its start time to "now - 1 ms" (that value
     * would not be the process's identity; the next scan reads it properly).
     */
    public ProcInfo read(long pid, List<String> argv) {
        long before = System.currentTimeMillis();
        OSProcess p = os.getProcess((int) pid);
        if (p == null || p.getStartTime() >= before - 1) {
            return null;
        }
        long openFiles = p.getOpenFiles();
        int openFds = openFiles > 0 || proc.fdsReadable(pid) ? (int) openFiles : -1;
        return new ProcInfo(pid, p.getParentProcessID(), proc.pgid(pid), p.getName(), status(p.getState()),
                List.copyOf(argv), startTicks(p.getStartTime(), bootTime(), LinuxOperatingSystem.getHz()),
                p.getStartTime() / 1000.0, (p.getKernelTime() + p.getUserTime()) / 1000.0, p.getResidentSetSize(),
                p.getThreadCount(), openFds, user(p), p.getCurrentWorkingDirectory());
    }

    /**
     * OSHI's user name, asked once per uid every 5 minutes: in OSHI 6.6.5 every {@code getUser()} also runs
     * {@code getent passwd UID} (the fallback is computed even when /etc/passwd has the uid), about 20 ms and a
     * process each time.
     */
    private String user(OSProcess p) {
        long now = System.currentTimeMillis();
        if (now - userNamesSince > USER_NAMES_MILLIS) {
            userNames.clear();
            userNamesSince = now;
        }
        return userNames.computeIfAbsent(p.getUserID(), uid -> user(p.getUser(), uid));
    }

    /**
     * Field 22 of {@code stat} back from OSHI's start time, which is {@code floor((boot * hz + ticks) * 1000 / hz)} ms:
     * exact for any hz up to 1000 (hz is 100 on Linux), so job ids are the same values as when ticks were read from
     * {@code /proc} directly.
     */
    static long startTicks(long startMillis, long bootSeconds, long hz) {
        return -Math.floorDiv(-(startMillis - bootSeconds * 1000) * hz, 1000);
    }

    /** OSHI says "unknown" for a uid it cannot name (e.g. a container's); keep the number, as the attribution does. */
    static String user(String name, String uid) {
        return name == null || name.isEmpty() || name.equals("unknown") ? uid : name;
    }

    /** the job status word (as ps shows it). */
    static String status(OSProcess.State state) {
        return switch (state) {
            case RUNNING, SLEEPING, WAITING, NEW -> "running";
            case STOPPED, SUSPENDED -> "stopped";
            case ZOMBIE -> "zombie";
            default -> "unknown";
        };
    }
}
