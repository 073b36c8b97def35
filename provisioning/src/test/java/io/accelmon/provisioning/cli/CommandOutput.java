package io.accelmon.provisioning.cli;

import io.accelmon.provisioning.AccelmonMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One {@code accelmon} run with its exit code, stdout and stderr captured. */
record CommandOutput(int rc, String out, String err) {

    /** stderr lines that are not warnings. */
    java.util.List<String> errors() {
        return err.lines().filter(l -> !l.contains(": warning: ")).toList();
    }

    static synchronized CommandOutput of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = AccelmonMain.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CommandOutput(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
