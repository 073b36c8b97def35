package io.accelmon.jobs;

import io.accelmon.core.cli.ExporterOptions.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The job monitor's flags, the same on every exporter that runs it (a picocli mixin). */
public class JobsOptions {

    @Option(names = "--jobs.enabled", defaultValue = "true", fallbackValue = "true",
            description = "Detect AI jobs and export accelmon_job_* (default: ${DEFAULT-VALUE}).")
    public boolean enabled;

    // picocli's negatable options cannot negate a name holding a dot: the --no- forms are options of their own
    @Option(names = "--no-jobs.enabled", description = "Do not detect AI jobs (the same as --jobs.enabled=false).")
    boolean disabled;

    @Option(names = "--jobs.config", paramLabel = "FILE",
            description = "YAML file with job rules (match -> framework/type/name), types per framework, ignores.")
    public Path config;

    @Option(names = "--jobs.details", defaultValue = "false",
            description = "Serve /api/v1/jobs (command lines with secrets redacted, cwd, parsed parameters, config "
                    + "file path); off by default.")
    public boolean details;

    @Option(names = "--jobs.details.config-bytes", defaultValue = "0", paramLabel = "BYTES",
            description = "With --jobs.details: include up to this many bytes of each job's config file, secrets "
                    + "redacted (default: ${DEFAULT-VALUE}, left out).")
    public int configBytes;

    @Option(names = "--jobs.retention", defaultValue = "1h", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long a vanished job keeps its last-seen series "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration retention;

    @Option(names = "--jobs.interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often the background job scan runs (default: the exporter's collection interval; "
                    + "15s on gpu-exporter, which reads its GPUs per scrape).")
    public Duration interval;

    @Option(names = "--jobs.rank-environment", defaultValue = "true", fallbackValue = "true",
            description = "Read a job process's rank variables (RANK, WORLD_SIZE, MASTER_ADDR, ... only) from its "
                    + "environ to recognise distributed jobs (default: ${DEFAULT-VALUE}).")
    public boolean rankEnvironment;

    @Option(names = "--no-jobs.rank-environment",
            description = "Never open a process's environ (the same as --jobs.rank-environment=false).")
    boolean noRankEnvironment;

    @Option(names = "--jobs.lock-file", paramLabel = "FILE",
            description = "Lock that lets only one exporter per host report jobs (default: /run/accelmon/jobs.lock, "
                    + "else in the temporary directory).")
    public Path lockFile;

    /** {@code --jobs.enabled} and not {@code --no-jobs.enabled}. */
    public boolean enabled() {
        return enabled && !disabled;
    }

    /** {@code --jobs.rank-environment} and not {@code --no-jobs.rank-environment}. */
    public boolean rankEnvironment() {
        return rankEnvironment && !noRankEnvironment;
    }
}
