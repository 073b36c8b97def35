package io.accelmon.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real processes that look like AI jobs, for the job tests and the Prometheus IT. */
public final class TestJobs {

    /** A torch "training script": imports torch if it exists, burns ~0.7 s CPU, holds 64 MB, sleeps. */
    public static final String TRAIN_PY = """
            import time
            try:
                import torch  # the detector reads this line; torch need not be installed
            except ImportError:
                torch = None
            weights = bytearray(64 * 1024 * 1024)
            for i in range(0, len(weights), 4096):
                weights[i] = 1
            end = time.process_time() + 0.7
            while time.process_time() < end:
                pass
            print("ready", flush=True)
            time.sleep(120)
            """;

    private TestJobs() {
    }

    /** Starts {@code python3 DIR/train.py --epochs 3 --token s3cret} and waits until it has done its CPU work. */
    public static Process startTrainPy(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("train.py");
        Files.writeString(script, TRAIN_PY);
        Process p = new ProcessBuilder("python3", script.toString(), "--epochs", "3", "--token", "s3cret")
                .redirectErrorStream(true).start();
        awaitReady(p);
        return p;
    }

    /**
     * Starts {@code python3 DIR/NAME ARGS...} running {@link #TRAIN_PY} with {@code env} added to its environment (a
     * rank of a distributed job, a serving job), and waits until it has done its CPU work.
     */
    public static Process startPython(Path dir, String name, java.util.Map<String, String> env, String... args)
            throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve(name);
        Files.writeString(script, TRAIN_PY);
        List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        awaitReady(p);
        return p;
    }

    public static Process startJava() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", Path.of("target/test-classes")
                .toAbsolutePath().toString(), SleepyTrainer.class.getName()).redirectErrorStream(true).start();
        awaitReady(p);
        return p;
    }

    private static void awaitReady(Process p) throws IOException {
        InputStream in = p.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && !sb.toString().contains("ready")) {
            sb.append((char) c);
        }
        if (!p.isAlive()) {
            throw new IOException("test job exited: " + sb);
        }
    }

    public static void stop(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
