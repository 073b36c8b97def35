package io.accelmon.core.testing;

import io.accelmon.core.cli.ExporterOptions;
import picocli.CommandLine;

/** Builds {@link ExporterOptions} from command-line flags, for tests that start an exporter server in-process. */
public final class Options {

    private Options() {
    }

    public static ExporterOptions of(String... flags) {
        ExporterOptions options = new ExporterOptions();
        new CommandLine(options).parseArgs(flags);
        return options;
    }
}
