package io.accelmon.provisioning.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the render subcommand lands; exits 1 so nothing mistakes it for success. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("accelmon render: not built yet");
        return 1;
    }
}
