package io.accelmon.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs an exporter's picocli command with the Prometheus exporter conventions: a one-line error naming the bad flag
 * and exit code 2 on unknown or malformed flags, {@code --help} and {@code --version} exiting 0.
 */
public final class ExporterCommandLine {

    public static final int EXIT_USAGE = 2;

    private ExporterCommandLine() {
    }

    /** Parses {@code args}, runs {@code command} and returns its exit code; does not call {@link System#exit}. */
    public static int execute(String programName, Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setCommandName(programName);
        if (!cli.getCommandSpec().optionsMap().containsKey("--help")) {
            cli.getCommandSpec().mixinStandardHelpOptions(true);
        }
        cli.setUsageHelpLongOptionsMaxWidth(40);
        ExporterIdentity.named(programName).ifPresent(identity -> showDefaultListenAddress(cli, identity));
        cli.setParameterExceptionHandler((ex, ignored) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(programName + ": " + oneLine(ex.getMessage()));
            err.println("Try '" + programName + " --help' for the list of flags.");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(programName + ": " + oneLine(ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            err.flush();
            return ex instanceof UsageException ? EXIT_USAGE : 1;
        });
        return cli.execute(args);
    }

    /**
     * The listen address defaults to the exporter's own port, which the shared option cannot name statically: a
     * default-value provider gives it to both the parser and {@code --help}.
     */
    private static void showDefaultListenAddress(CommandLine cli, ExporterIdentity identity) {
        CommandLine.IDefaultValueProvider previous = cli.getDefaultValueProvider();
        cli.setDefaultValueProvider(arg -> {
            if (arg instanceof CommandLine.Model.OptionSpec option
                    && option.longestName().equals(ExporterOptions.LISTEN_ADDRESS)) {
                return identity.defaultListenAddress().toString();
            }
            return previous == null ? null : previous.defaultValue(arg);
        });
    }

    /**
     * Runs and exits the JVM with the command's exit code unless it keeps serving (exit code {@code null}). A JVM
     * started without a heap flag first re-executes itself with a small heap ({@link LeanJvm}).
     */
    public static void main(String programName, Object command, String[] args) {
        // only a real exporter start: tests and tools call execute()
        LeanJvm.reexecIfUnsized(StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass(),
                args);
        int code = execute(programName, command, args);
        System.exit(code);
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').trim();
    }

    /** Thrown by commands for bad input that should exit with code 2 (e.g. an unreadable config file). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
