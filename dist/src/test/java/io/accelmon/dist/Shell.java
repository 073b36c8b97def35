package io.accelmon.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real program, merging stdout and stderr, and fails the test when it outlives its time limit. */
final class Shell {
  record Result(int rc, String output) {}

  private Shell() {}

  static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command) {
    try {
      Path log = Files.createTempFile("accelmon-dist-", ".log");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
              + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  static Result run(Path dir, long timeoutSeconds, String... command) {
    return run(dir, Map.of(), timeoutSeconds, List.of(command));
  }

  static boolean onPath(String program) {
    return run(Path.of("/"), 10, "sh", "-c", "command -v " + program).rc() == 0;
  }

  static boolean isRoot() {
    return "0".equals(run(Path.of("/"), 10, "id", "-u").output().trim());
  }
}
