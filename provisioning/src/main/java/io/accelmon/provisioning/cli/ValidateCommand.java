package io.accelmon.provisioning.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the validate subcommand lands; exits 1 so nothing mistakes it for success. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("accelmon validate: not built yet");
        return 1;
    }
}
