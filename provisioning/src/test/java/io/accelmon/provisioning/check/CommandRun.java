package io.accelmon.provisioning.check;

import io.accelmon.provisioning.AccelmonMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the accelmon command line in-process and captures exit code, stdout and stderr. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AccelmonMain());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("accelmon: " + ex.getMessage());
            return 2;
        });
        int code = cli.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
