package io.accelmon.provisioning.usage;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the usage subcommand lands; exits 1 so nothing mistakes it for success. */
@Command(name = "usage", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class UsageCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("accelmon usage: not built yet");
        return 1;
    }
}
