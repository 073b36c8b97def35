package io.accelmon.provisioning.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of a user that idles {@code idle}, spins for {@code burn} of wall time, then sleeps until killed (it
 * stays alive, so its CPU time stays readable in {@code /proc} and counted on the node-collector's ledger). Bash
 * builtins only while spinning: no child takes CPU outside the measured process.
 */
public final class CpuBurner implements AutoCloseable {

    private final Process process;
    private final long burnEndsNanos;

    private CpuBurner(Process process, long burnEndsNanos) {
        this.process = process;
        this.burnEndsNanos = burnEndsNanos;
    }

    public static CpuBurner start(SystemUser user, Duration idle, Duration burn) throws IOException {
        String script = "sleep " + idle.toSeconds() + "; SECONDS=0; while (( SECONDS < " + burn.toSeconds()
                + " )); do :; done; exec sleep 3600";
        Process p = new ProcessBuilder(user.as(List.of("/bin/bash", "-c", script)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new CpuBurner(p, System.nanoTime() + idle.plus(burn).plusSeconds(1).toNanos());
    }

    public long pid() {
        return process.pid();
    }

    /** Blocks until the spinning is over. */
    public void awaitBurnt() throws InterruptedException {
        long left = burnEndsNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** utime + stime + cutime + cstime of the process from {@code /proc/<pid>/stat}, in seconds (USER_HZ = 100). */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // fields after the command name in parentheses: state is field 3, utime field 14 .. cstime field 17
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(f[i]);
        }
        return ticks / 100.0;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
