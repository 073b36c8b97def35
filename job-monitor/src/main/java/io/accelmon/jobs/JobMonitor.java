package io.accelmon.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The job agent loop: scans for jobs in a background thread every interval; scrapes read the latest list. */
public final class JobMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobMonitor.class.getName());

    private final JobScanner scanner;
    private final Supplier<List<DeviceProcess>> deviceProcesses;
    private final Duration interval;
    private volatile List<Job> latest = List.of();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-scan");
        t.setDaemon(true);
        return t;
    });

    private final HostClaim claim;
    private volatile boolean active = true;

    public JobMonitor(JobScanner scanner, Supplier<List<DeviceProcess>> deviceProcesses, Duration interval) {
        this(scanner, deviceProcesses, interval, null);
    }

    /** @param claim only scan while this exporter holds the host's claim (null: always) */
    public JobMonitor(JobScanner scanner, Supplier<List<DeviceProcess>> deviceProcesses, Duration interval,
                      HostClaim claim) {
        this.claim = claim;
        this.scanner = scanner;
        this.deviceProcesses = deviceProcesses;
        this.interval = interval;
    }

    public JobMonitor start() {
        executor.scheduleWithFixedDelay(this::scanNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public void scanNow() {
        boolean now = claim == null || claim.held();
        if (now != active) {
            LOG.info(() -> now ? "job monitor active: this exporter reports the host's jobs"
                    : "job monitor idle: another exporter on this host holds " + claim.file());
        }
        active = now;
        if (!now) {
            latest = List.of();
            return;
        }
        try {
            latest = scanner.scan(deviceProcesses.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job scan failed", e);
        }
    }

    /** Whether this exporter reports the host's jobs (it holds the claim). */
    public boolean active() {
        return active;
    }

    public List<Job> latest() {
        return latest;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
