package io.accelmon.provisioning;

import io.accelmon.provisioning.check.CheckCommand;
import io.accelmon.provisioning.cli.RenderCommand;
import io.accelmon.provisioning.cli.ValidateCommand;
import io.accelmon.provisioning.usage.UsageCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code accelmon} command: render and validate the kit, check a running cluster, report per-user usage. */
@Command(name = "accelmon", mixinStandardHelpOptions = true,
        versionProvider = AccelmonMain.Version.class,
        description = "Renders and checks the accelmon monitoring kit for a GPU/NPU cluster.",
        subcommands = {RenderCommand.class, ValidateCommand.class, CheckCommand.class, UsageCommand.class,
            io.accelmon.provisioning.jobs.JobsCommand.class})
public final class AccelmonMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (2 for usage errors). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new AccelmonMain());
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("accelmon: " + ex.getMessage().replace('\n', ' '));
            ex.getCommandLine().getErr().println("Try 'accelmon --help'.");
            return 2;
        });
        // Whatever slips through the commands' own checks still ends in one line, never a stack trace.
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("accelmon " + cmd.getCommandName() + ": " + ex.getClass().getSimpleName() + ": "
                    + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: render, validate, check or usage");
    }

    /** Reads the version the build stamped into exporter-core. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var id = io.accelmon.core.cli.ExporterIdentity.of("accelmon", "accelmon", ":0");
            return new String[] {"accelmon " + id.version() + " (revision " + id.revision() + ")"};
        }
    }
}
