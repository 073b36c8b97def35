package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;

/** The parts of /proc/stat node_exporter's cpu and stat collectors read. */
public record ProcStat(List<CpuTimes> cpus, long bootTime, long contextSwitches, long forks, long interrupts,
                       long procsRunning, long procsBlocked, List<Long> softirqs) {

    /** The per-vector fields of the {@code softirq} line, in the kernel's order (node_exporter's names). */
    public static final List<String> SOFTIRQ_VECTORS = List.of("hi", "timer", "net_tx", "net_rx", "block",
            "block_iopoll", "tasklet", "sched", "hrtimer", "rcu");

    /** Kernel USER_HZ; node_exporter also assumes 100 ticks per second. */
    public static final double TICKS_PER_SECOND = 100.0;

    /** One {@code cpuN} line, in ticks. */
    public record CpuTimes(String cpu, long user, long nice, long system, long idle, long iowait, long irq,
                           long softirq, long steal, long guest, long guestNice) {
    }

    public static ProcStat parse(String text) {
        List<CpuTimes> cpus = new ArrayList<>();
        long boot = 0;
        long ctxt = 0;
        long forks = 0;
        long intr = 0;
        long running = 0;
        long blocked = 0;
        List<Long> softirqs = List.of();
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                String[] f = line.trim().split("\\s+");
                cpus.add(new CpuTimes(f[0].substring(3), field(f, 1), field(f, 2), field(f, 3), field(f, 4),
                        field(f, 5), field(f, 6), field(f, 7), field(f, 8), field(f, 9), field(f, 10)));
            } else if (line.startsWith("btime ")) {
                boot = firstNumber(line);
            } else if (line.startsWith("ctxt ")) {
                ctxt = firstNumber(line);
            } else if (line.startsWith("processes ")) {
                forks = firstNumber(line);
            } else if (line.startsWith("intr ")) {
                intr = firstNumber(line);
            } else if (line.startsWith("procs_running ")) {
                running = firstNumber(line);
            } else if (line.startsWith("procs_blocked ")) {
                blocked = firstNumber(line);
            } else if (line.startsWith("softirq ")) {
                String[] f = line.trim().split("\\s+");
                List<Long> v = new ArrayList<>();
                for (int i = 2; i < f.length; i++) {
                    v.add(Long.parseLong(f[i]));
                }
                softirqs = List.copyOf(v);
            }
        }
        return new ProcStat(List.copyOf(cpus), boot, ctxt, forks, intr, running, blocked, softirqs);
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }

    private static long firstNumber(String line) {
        int start = line.indexOf(' ') + 1;
        int end = line.indexOf(' ', start);
        return Long.parseLong(line.substring(start, end < 0 ? line.length() : end).trim());
    }
}
