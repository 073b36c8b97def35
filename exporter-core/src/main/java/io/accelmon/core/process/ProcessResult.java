package io.accelmon.core.process;

import java.time.Duration;
import java.util.List;

/** What one run of an external tool produced. {@code exitCode} is -1 when the run timed out and was killed. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr,
                            boolean timedOut, boolean truncated, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** A one-line description of a failed run, for logs and error messages. */
    public String describeFailure() {
        String tool = command.isEmpty() ? "process" : command.get(0);
        if (timedOut) {
            return tool + " timed out after " + elapsed.toMillis() + " ms and was killed";
        }
        String err = stderr.strip();
        int newline = err.indexOf('\n');
        if (newline >= 0) {
            err = err.substring(0, newline);
        }
        return tool + " exited with status " + exitCode + (err.isEmpty() ? "" : ": " + err);
    }
}
