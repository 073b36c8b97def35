package io.accelmon.npu.collect;

import io.accelmon.npu.model.NpuSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The NPU backend the loop reads, kept working without a restart. While there is none, each cycle that is due probes
 * again with exponential backoff (first retry after {@code firstRetry}, doubling up to {@code maxRetry}); a backend
 * whose cycles fail {@value #FAILURES_BEFORE_REPROBE} times in a row is probed again and replaced by the probe's choice,
 * or by none when nothing answers. Probes run on the loop's thread, so a probe never runs beside a hung npu-smi.
 * Every change of backend is logged and counted ({@code npu_exporter_backend_transitions_total{from,to}}).
 */
public final class BackendSupervisor implements NpuBackend {

    private static final Logger LOG = Logger.getLogger(BackendSupervisor.class.getName());
    static final int FAILURES_BEFORE_REPROBE = 3;
    static final String NONE = "none";

    private final Supplier<NpuBackend> probe;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final LongSupplier nanoTime;
    private final Map<List<String>, AtomicLong> transitions = new ConcurrentHashMap<>();
    private volatile NpuBackend current;
    private Duration wait;
    private long nextProbe;
    private int failures;
    private long retiredParseErrors;
    private long retiredReportFailures;
    private final Map<String, Long> retiredTimeouts = new ConcurrentHashMap<>();

    /** @param probe one selection attempt: the backend to use, or null when none answers */
    public BackendSupervisor(Supplier<NpuBackend> probe, Duration firstRetry, Duration maxRetry, LongSupplier nanoTime) {
        this.probe = probe;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.nanoTime = nanoTime;
        this.wait = firstRetry;
        this.nextProbe = nanoTime.getAsLong();
    }

    public BackendSupervisor(Supplier<NpuBackend> probe) {
        this(probe, Duration.ofSeconds(1), Duration.ofSeconds(60), System::nanoTime);
    }

    @Override
    public String name() {
        NpuBackend b = current;
        return b == null ? NONE : b.name();
    }

    @Override
    public NpuSnapshot collect(NpuSnapshot previous) {
        if (current == null) {
            long now = nanoTime.getAsLong();
            if (now - nextProbe < 0) {
                return Snapshots.failed(previous, NONE, "no NPU backend (DCMI or npu-smi); probing again in "
                        + Math.max(1, (nextProbe - now) / 1_000_000_000L) + " s");
            }
            NpuBackend found = probe.get();
            if (found == null) {
                nextProbe = now + wait.toNanos();
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(maxRetry) > 0 ? maxRetry : doubled;
                return Snapshots.failed(previous, NONE, "no NPU backend answers (DCMI or npu-smi)");
            }
            replace(found);
        }
        NpuSnapshot s = current.collect(previous);
        failures = s.backendUp() ? 0 : failures + 1;
        if (failures >= FAILURES_BEFORE_REPROBE) {
            LOG.warning(() -> "NPU backend " + name() + " failed " + FAILURES_BEFORE_REPROBE
                    + " cycles in a row: probing the backends again");
            failures = 0;
            NpuBackend found = probe.get();
            if (found == null) {
                wait = firstRetry;
                nextProbe = nanoTime.getAsLong() + wait.toNanos();
            }
            replace(found);
        }
        return s;
    }

    private void replace(NpuBackend next) {
        NpuBackend old = current;
        String from = old == null ? NONE : old.name();
        String to = next == null ? NONE : next.name();
        if (old != null && old != next) {
            retiredParseErrors += old.parseErrors();
            retiredReportFailures += old.reportFailures();
            old.tableTimeouts().forEach((k, v) -> retiredTimeouts.merge(k, v, Long::sum));
        }
        current = next;
        wait = firstRetry;
        if (!from.equals(to)) {
            transitions.computeIfAbsent(List.of(from, to), k -> new AtomicLong()).incrementAndGet();
            LOG.warning(() -> "NPU backend changed: " + from + " -> " + to);
        }
    }

    @Override
    public long parseErrors() {
        NpuBackend b = current;
        return retiredParseErrors + (b == null ? 0 : b.parseErrors());
    }

    @Override
    public long reportFailures() {
        NpuBackend b = current;
        return retiredReportFailures + (b == null ? 0 : b.reportFailures());
    }

    @Override
    public Map<String, Long> tableTimeouts() {
        Map<String, Long> out = new java.util.TreeMap<>(retiredTimeouts);
        NpuBackend b = current;
        if (b != null) {
            b.tableTimeouts().forEach((k, v) -> out.merge(k, v, Long::sum));
        }
        return out;
    }

    @Override
    public Map<List<String>, Long> transitions() {
        Map<List<String>, Long> out = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        transitions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
