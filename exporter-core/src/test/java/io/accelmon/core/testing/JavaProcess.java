package io.accelmon.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real program started for an integration test: a built exporter jar ({@code java -jar}) or any other command
 * (prometheus, alertmanager), with extra environment variables, its output in a log file. Closing kills it and its
 * children.
 */
public final class JavaProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);
    private static final Duration READY_WAIT = Duration.ofSeconds(40);

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar jar args...}, logging to {@code log}, and waits until {@code port} accepts. */
    public static JavaProcess startJar(Path jar, Path log, int port, List<String> args)
            throws IOException, InterruptedException {
        return startJar(jar, log, port, Map.of(), args);
    }

    /** As {@link #startJar(Path, Path, int, List)}, with {@code env} added to this JVM's environment. */
    public static JavaProcess startJar(Path jar, Path log, int port, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        return launch(jar.getFileName().toString(), javaJar(jar, List.of(), args), env, log).awaitPort(port);
    }

    /** Starts {@code command} with extra {@code env}, logging to {@code log}, and waits until {@code readyUrl} is 200. */
    public static JavaProcess start(String name, List<String> command, Map<String, String> env, Path log,
                                    String readyUrl) throws IOException, InterruptedException {
        return launch(name, command, env, log).ready(readyUrl);
    }

    /**
     * Starts {@code command} with extra {@code env} without waiting (JVMs started side by side come up faster on a small
     * machine); follow with {@link #awaitPort} or {@link #ready}.
     */
    public static JavaProcess launch(String name, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new JavaProcess(name, pb.start(), log);
    }

    /** {@code java -Xshare:auto jvmOptions... -jar jar args...} with this JVM's java. */
    public static List<String> javaJar(Path jar, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        return cmd;
    }

    /** Waits until {@code port} on 127.0.0.1 accepts; kills the process when it does not within 30s. */
    public JavaProcess awaitPort(int port) throws IOException, InterruptedException {
        try {
            long deadline = System.nanoTime() + PORT_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                checkAlive();
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return this;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new IOException(name + ": port " + port + " not open after " + PORT_WAIT + ":\n" + log());
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Waits until {@code readyUrl} answers 200; kills the process when it does not within 40s. */
    public JavaProcess ready(String readyUrl) throws IOException, InterruptedException {
        try {
            long deadline = System.nanoTime() + READY_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                checkAlive();
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(readyUrl))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return this;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
            throw new IOException(name + " not ready at " + readyUrl + " after " + READY_WAIT + ":\n" + log());
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + ":\n" + log());
        }
    }

    public Process process() {
        return process;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
