package io.accelmon.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a tool as the leader of a new process group (util-linux {@code setsid}), so that everything it forks, even a
 * daemon that left the process tree, can be killed with one signal to the group. Where {@code setsid} or
 * {@code kill} is missing the tool runs as before and only its process tree is killed.
 */
final class ProcessGroups {

    private static final String SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
    private static final String KILL = firstExecutable("/usr/bin/kill", "/bin/kill");
    /** util-linux's exit status when setsid could not execute the tool (127: not found, 126: not executable). */
    private static final String SETSID_FAILED = "setsid: failed to execute";

    private ProcessGroups() {
    }

    static List<String> inNewGroup(List<String> command) {
        if (SETSID == null || KILL == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(SETSID);
        // a child of the JVM is never a group leader, so setsid execs the tool in place: same pid, pgid = pid
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether the wrapper, not the tool, failed: the tool was not found or not executable. */
    static boolean couldNotStart(int exit, String stderr) {
        return SETSID != null && KILL != null && (exit == 126 || exit == 127) && stderr.startsWith(SETSID_FAILED);
    }

    /** SIGKILL to the group led by {@code pid}, when it leads one; the group outlives its leader. */
    static void kill(long pid) {
        if (SETSID == null || KILL == null) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(KILL, "-KILL", "--", "-" + pid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // the tree walk in ProcessRunner still kills what it can see
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
