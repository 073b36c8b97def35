package io.accelmon.jobs;

import com.sun.net.httpserver.HttpHandler;
import io.accelmon.core.scrape.ScrapeGuard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import oshi.SystemInfo;

/**
 * Wires the job monitor into an exporter: {@code accelmon_job_*} on its scrape guard and, with
 * {@code --jobs.details}, {@code /api/v1/jobs}. The exporter supplies its accelerator's process table.
 */
public final class JobMonitoring {

    private JobMonitoring() {
    }

    /**
     * Starts the monitor when {@code --jobs.enabled}; returns it, or null when disabled. It scans every
     * {@code --jobs.interval}, else every {@code interval}.
     *
     * @throws IOException a bad {@code --jobs.config}, message {@code FILE:LINE:COL reason}, or a
     *     {@code --jobs.interval} under 1 ms
     */
    public static JobMonitor start(JobsOptions options, Supplier<List<DeviceProcess>> deviceProcesses,
                                   Duration interval, ScrapeGuard guard, Map<String, HttpHandler> handlers)
            throws IOException {
        if (!options.enabled()) {
            return null;
        }
        if (options.interval != null && options.interval.toMillis() <= 0) {
            throw new IOException("--jobs.interval: must be at least 1ms");
        }
        Duration every = options.interval != null ? options.interval : interval;
        JobsConfig config = options.config == null ? JobsConfig.EMPTY : JobsConfig.load(options.config);
        ProcFs proc = options.rankEnvironment() ? new ProcFs() : new ProcFs().withoutEnvironment();
        JobScanner scanner = new JobScanner(proc, new JobProcesses(new SystemInfo().getOperatingSystem(), proc),
                new FrameworkDetector(config), options.retention);
        JobMonitor monitor = new JobMonitor(scanner, deviceProcesses, every, HostClaim.standard(options.lockFile))
                .start();
        guard.add(new JobCollector(monitor));
        if (options.details) {
            handlers.put("/api/v1/jobs", new JobsHandler(monitor, options.configBytes));
        }
        return monitor;
    }
}
