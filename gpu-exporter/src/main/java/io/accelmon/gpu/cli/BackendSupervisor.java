package io.accelmon.gpu.cli;

import io.accelmon.gpu.collect.SelfMetrics;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.XidCounts;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The GPU source the exporter reads, kept working without a restart. While there is none, a daemon thread repeats
 * the backend selection with exponential backoff (1 s doubling up to 60 s). A backend whose reads fail
 * {@value #FAILURES_BEFORE_REPROBE} times in a row is probed again inside the next read (so a probe never runs beside
 * a hung nvidia-smi): the probe's choice replaces it, or none when nothing answers. Every change of backend name is
 * logged and counted in {@link SelfMetrics}.
 */
public final class BackendSupervisor implements GpuSource {

    private static final Logger LOG = Logger.getLogger(BackendSupervisor.class.getName());
    static final int FAILURES_BEFORE_REPROBE = 3;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final Function<Boolean, BackendSelection.Selected> select;
    private final SelfMetrics self;
    private final Object lock = new Object();
    private volatile BackendSelection.Selected current;
    private int failures;
    private volatile boolean running = true;
    private final Thread retry;

    /** @param select one selection attempt; its argument says whether to log quietly (background retries) */
    public BackendSupervisor(Function<Boolean, BackendSelection.Selected> select, SelfMetrics self) {
        this.select = select;
        this.self = self;
        this.current = select.apply(false);
        self.backend(current.name(), current.source().isPresent());
        this.retry = new Thread(this::retryLoop, "gpu-backend-retry");
        retry.setDaemon(true);
        retry.start();
    }

    /** Whether a backend is chosen now. */
    public boolean present() {
        return current.source().isPresent();
    }

    @Override
    public String name() {
        return current.name();
    }

    @Override
    public XidCounts xids() {
        return current.source().map(GpuSource::xids).orElse(null);
    }

    @Override
    public GpuSnapshot read() throws Exception {
        BackendSelection.Selected selected = current;
        if (selected.source().isEmpty()) {
            throw new IOException("no GPU backend (retrying in the background)");
        }
        boolean reprobe;
        synchronized (lock) {
            reprobe = failures >= FAILURES_BEFORE_REPROBE;
        }
        if (reprobe) {
            selected = reprobe(selected);
            if (selected.source().isEmpty()) {
                throw new IOException("the GPU backend failed " + FAILURES_BEFORE_REPROBE
                        + " reads in a row and no backend answers a new probe");
            }
        }
        try {
            GpuSnapshot snapshot = selected.source().get().read();
            synchronized (lock) {
                failures = 0;
            }
            self.backend(selected.name(), true);
            return snapshot;
        } catch (Exception e) {
            synchronized (lock) {
                failures++;
            }
            throw e;
        }
    }

    private BackendSelection.Selected reprobe(BackendSelection.Selected failing) {
        LOG.warning(() -> "backend " + failing.name() + " failed " + FAILURES_BEFORE_REPROBE
                + " reads in a row: probing the backends again");
        BackendSelection.Selected next = select.apply(true);
        replace(failing, next);
        synchronized (lock) {
            failures = 0;
            lock.notifyAll();
        }
        return next;
    }

    /** Counts the change before the new backend is published, so a scrape that sees it also sees the change. */
    private void replace(BackendSelection.Selected old, BackendSelection.Selected next) {
        String from = old.name();
        String to = next.name();
        if (!from.equals(to)) {
            self.transition(from, to);
            LOG.warning(() -> "GPU backend changed: " + from + " -> " + to);
        }
        self.backend(to, next.source().isPresent());
        current = next;
        old.close();
    }

    private void retryLoop() {
        Duration wait = FIRST_RETRY;
        while (running) {
            synchronized (lock) {
                while (running && current.source().isPresent()) {
                    wait = FIRST_RETRY;
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            BackendSelection.Selected none = current;
            if (!running || none.source().isPresent()) {
                continue;
            }
            BackendSelection.Selected next = select.apply(true);
            if (next.source().isPresent()) {
                replace(none, next);
            } else {
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
                Duration logged = wait;
                LOG.fine(() -> "no GPU backend yet; next try in " + logged.toSeconds() + " s");
            }
        }
    }

    @Override
    public void close() {
        running = false;
        retry.interrupt();
        current.close();
    }
}
