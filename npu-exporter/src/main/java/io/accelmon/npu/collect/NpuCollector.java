package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.net.NetworkMonitor;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.accelmon.core.scrape.SourceCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Serves the latest NPU snapshot (never touching a device) in the chosen naming, plus the exporter's own health:
 * {@code npu_exporter_backend_up}, {@code npu_exporter_snapshot_age_seconds} (time since the last successful cycle;
 * since start when none succeeded yet), parse errors and report failures.
 */
public final class NpuCollector implements SourceCollector {

    private final SnapshotLoop loop;
    private final Naming naming;
    private final ProcessAttributor attributor;
    private final Instant started = Instant.now();

    public NpuCollector(SnapshotLoop loop, Naming naming, ProcessAttributor attributor) {
        this.loop = loop;
        this.naming = naming;
        this.attributor = attributor;
    }

    @Override
    public String name() {
        return "npu";
    }

    @Override
    public List<MetricSnapshot> collect() {
        NpuSnapshot s = loop.latest();
        Map<Long, ProcessAttribution> owners = attributor.attribute(java.util.stream.Stream.concat(
                s.processes().stream().map(NpuProcess::pid), s.vnpus().stream().flatMap(v -> v.holders().stream()))
                .distinct().toList());
        Families f = new Families();
        NetworkMonitor network = loop.network();
        naming.render(s, owners, network == null ? Map.of() : network.latest(), f);
        if (network != null) {
            NetworkFamilies.renderSelf(network.latest(), network.failures(), f);
        }
        NpuBackend backend = loop.backend();
        Labels b = Labels.of("backend", backend.name());
        f.gauge("npu_exporter_backend_up", "1 when the last collection cycle read the NPUs, 0 when it failed.", b,
                s.backendUp() ? 1 : 0);
        Instant since = s.lastSuccess() != null ? s.lastSuccess() : started;
        f.gauge("npu_exporter_snapshot_age_seconds",
                "Seconds since the served snapshot was collected (since start while no cycle has succeeded).",
                Labels.EMPTY, Duration.between(since, Instant.now()).toMillis() / 1000.0);
        f.gauge("npu_exporter_last_cycle_duration_seconds", "How long the last background collection cycle took.", b,
                loop.lastCycleSeconds());
        backend.transitions().forEach((k, n) -> f.counter("npu_exporter_backend_transitions",
                "Changes of the NPU backend since start (from, to): none to dcmi or npu-smi once one answers, "
                        + "or to none when the backend fails and no backend answers a new probe.",
                Labels.of("from", k.get(0), "to", k.get(1)), n));
        f.counter("npu_exporter_parse_errors", "npu-smi outputs or rows that could not be parsed.", Labels.EMPTY,
                backend.parseErrors());
        backend.tableTimeouts().forEach((outcome, n) -> f.counter("npu_exporter_table_timeouts",
                "npu-smi info runs that timed out, by outcome: kept when the table printed before the hang was whole "
                        + "and served, dropped when it was not (the cycle failed).", Labels.of("outcome", outcome), n));
        f.counter("npu_exporter_report_failures", "Per-card npu-smi reports (or DCMI calls) that failed or timed out.",
                Labels.EMPTY, backend.reportFailures());
        return f.build();
    }
}
