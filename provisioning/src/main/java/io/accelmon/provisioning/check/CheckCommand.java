package io.accelmon.provisioning.check;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the check subcommand lands; exits 1 so nothing mistakes it for success. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("accelmon check: not built yet");
        return 1;
    }
}
