package io.accelmon.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs external tools (nvidia-smi, npu-smi) with a hard timeout, each in a process group of its own: on expiry the
 * whole group and process tree is killed, including children that keep the output open after the tool ended; output
 * is capped, and exit status, stderr and everything printed before the kill are kept (the caller's parser decides
 * whether it is whole). Never throws for a tool that misbehaves; only for one that cannot
 * be started.
 */
public final class ProcessRunner {

    public static final int DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
    private static final long LEFTOVER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "process-output-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final int maxOutputBytes;
    private final Map<String, String> environment;

    public ProcessRunner() {
        this(DEFAULT_MAX_OUTPUT_BYTES, Map.of());
    }

    public ProcessRunner(int maxOutputBytes, Map<String, String> environment) {
        this.maxOutputBytes = maxOutputBytes;
        this.environment = Map.copyOf(environment);
    }

    public ProcessResult run(List<String> command, Duration timeout) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        ProcessBuilder builder = new ProcessBuilder(ProcessGroups.inNewGroup(command));
        builder.environment().putAll(environment);
        builder.environment().put("LC_ALL", "C");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        CappedReader stdout = new CappedReader(process.getInputStream(), maxOutputBytes);
        CappedReader stderr = new CappedReader(process.getErrorStream(), 64 * 1024);
        Future<?> out = READERS.submit(stdout);
        Future<?> err = READERS.submit(stderr);
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (!finished) {
            killTree(process);
        }
        // The pipes close once every holder is gone. A child that outlives the tool and keeps them open (a daemon it
        // forked) gets at most a second, within the deadline, then its process group is killed: what the tool printed
        // is kept either way.
        long wait = Math.max(Math.min(deadline - System.nanoTime(), LEFTOVER_GRACE_NANOS),
                TimeUnit.MILLISECONDS.toNanos(200));
        if (!awaitReaders(wait, out, err)) {
            ProcessGroups.kill(process.pid());
            awaitReaders(TimeUnit.SECONDS.toNanos(2), out, err);
        }
        finish(out, stdout);
        finish(err, stderr);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exit = finished ? process.exitValue() : -1;
        if (finished && ProcessGroups.couldNotStart(exit, stderr.text())) {
            throw new IOException("cannot run " + command.get(0) + ": " + stderr.text().strip());
        }
        return new ProcessResult(List.copyOf(command), exit, stdout.text(), stderr.text(), !finished,
                stdout.truncated(), elapsed);
    }

    private static void killTree(Process process) {
        // descendants first, while the parent is alive: once it dies they are re-parented to init and out of reach.
        // Repeat, since a child may fork between listing and killing.
        Set<ProcessHandle> killed = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> alive = process.descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                break;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(alive);
        }
        ProcessGroups.kill(process.pid());
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        // SIGKILL is asynchronous: wait (briefly) until the killed processes are really gone, so no caller sees them
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (killed.stream().anyMatch(ProcessRunner::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Alive and not a zombie: a killed child of a killed parent waits for init to reap it, which can take a while. */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(h.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or the process is gone
            return h.isAlive();
        }
    }

    /** Waits until both readers reached the end of their streams, or {@code nanos} passed. */
    private static boolean awaitReaders(long nanos, Future<?>... readers) {
        long deadline = System.nanoTime() + nanos;
        for (Future<?> reader : readers) {
            try {
                reader.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // the reader ended; what it kept is kept
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A reader still blocked after the group was killed (a holder that left the group) is abandoned, not awaited. */
    private static void finish(Future<?> reader, CappedReader stream) {
        if (!reader.isDone()) {
            stream.close();
            reader.cancel(true);
        }
    }

    /** Reads a stream to its end, keeping at most {@code cap} bytes and draining the rest so the child never blocks. */
    private static final class CappedReader implements Runnable {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        CappedReader(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException ignored) {
                // stream closed under us after a kill: keep what was read
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        boolean truncated() {
            return truncated;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read either way
            }
        }
    }
}
