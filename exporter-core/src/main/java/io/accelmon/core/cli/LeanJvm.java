package io.accelmon.core.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Makes a plain {@code java -jar exporter.jar} run with a small heap. Without heap flags the JVM sizes its heap from
 * the machine's RAM (a quarter of it, G1 with a large young generation), and an exporter under many scrapers then
 * holds hundreds of MiB it never needs. So when no heap flag was given, the exporter replaces its own process image
 * ({@code execve}, same PID, same stdio) with the same JVM, class path and arguments plus {@link #FLAGS}. The packaged
 * launcher passes a heap flag and is never re-executed; {@code ACCELMON_JVM_REEXEC=0} turns this off.
 */
public final class LeanJvm {

    /** Serial GC and C1 with a capped heap, metaspace, code cache and thread stacks: what an exporter needs. */
    public static final List<String> FLAGS = List.of("-Xmx64m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m", "-XX:-UsePerfData",
            "-Xshare:auto");
    static final String SWITCH = "ACCELMON_JVM_REEXEC";
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=",
            "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");
    private static final Logger LOG = Logger.getLogger(LeanJvm.class.getName());

    private LeanJvm() {
    }

    /** Re-executes with {@link #FLAGS} when no heap flag was given; returns only when it does not. */
    static void reexecIfUnsized(Class<?> mainClass, String[] args) {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!needed(jvmArgs, System.getenv())) {
            return;
        }
        List<String> command = command(jvmArgs, mainClass, args);
        List<String> env = new ArrayList<>();
        System.getenv().forEach((k, v) -> {
            if (!k.equals(SWITCH)) {
                env.add(k + "=" + v);
            }
        });
        env.add(SWITCH + "=0");
        System.out.flush();
        System.err.flush();
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.execve(command.get(0), command.toArray(String[]::new), env.toArray(String[]::new));
            LOG.fine(() -> "re-exec with " + FLAGS + " failed (errno " + Native.getLastError() + "); running as is");
        } catch (LinkageError | RuntimeException e) {
            // no JNA or no libc (not Linux): run on the JVM's own sizing
            LOG.fine(() -> "re-exec with " + FLAGS + " unavailable: " + e);
        }
    }

    static boolean needed(List<String> jvmArgs, Map<String, String> env) {
        if ("0".equals(env.get(SWITCH))) {
            return false;
        }
        return jvmArgs.stream().noneMatch(a -> HEAP_FLAGS.stream().anyMatch(a::startsWith));
    }

    static List<String> command(List<String> jvmArgs, Class<?> mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    private interface LibC extends Library {
        int execve(String path, String[] argv, String[] envp);
    }
}
