package io.accelmon.provisioning.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real program (prometheus, alertmanager, an exporter jar) started for a test; closing kills it and its children. */
public final class RealProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String name;
    private final Process process;
    private final Path log;

    private RealProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with extra {@code env}, logging to {@code log}, and waits until {@code readyUrl} is 200. */
    public static RealProcess start(String name, List<String> command, Map<String, String> env, Path log,
                                    String readyUrl) throws IOException, InterruptedException {
        return launch(name, command, env, log).ready(readyUrl);
    }

    /** Starts {@code command} without waiting: JVMs started side by side come up faster on a small machine. */
    public static RealProcess launch(String name, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new RealProcess(name, pb.start(), log);
    }

    /** Waits until {@code readyUrl} answers 200; kills the process when it does not within 40s. */
    public RealProcess ready(String readyUrl) throws IOException, InterruptedException {
        try {
            awaitReady(readyUrl, Duration.ofSeconds(40));
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    /** {@code java -jar jar args...} with this JVM's java. */
    public static List<String> javaJar(Path jar, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Xmx96m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void awaitReady(String url, Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " not ready at " + url + " after " + max + ":\n" + log());
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
