package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.Kernel;
import io.accelmon.node.source.Timex;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Supplier;

/** node_exporter's timex collector: the kernel clock discipline from adjtimex(2) (clock sync alerts). */
public final class TimexCollector implements SourceCollector {

    private static final double MICRO = 1e6;
    private static final double NANO = 1e9;
    /** 2^16: frequencies are ppm with a 16-bit fraction. */
    private static final double PPM16FRAC = 1_000_000.0 * 65536.0;

    private final Supplier<Timex> source;

    public TimexCollector() {
        this(Kernel::adjtimex);
    }

    TimexCollector(Supplier<Timex> source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "timex";
    }

    @Override
    public List<MetricSnapshot> collect() {
        return families(source.get());
    }

    static List<MetricSnapshot> families(Timex t) {
        double divisor = (t.status() & Timex.STA_NANO) != 0 ? NANO : MICRO;
        return List.of(
                Families.gauge("node_timex_sync_status",
                        "Is clock synchronized to a reliable server (1 = yes, 0 = no).",
                        t.state() == Timex.TIME_ERROR ? 0 : 1),
                Families.gauge("node_timex_offset_seconds", "Time offset in between local system and reference clock.",
                        t.offset() / divisor),
                Families.gauge("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.",
                        1 + t.freq() / PPM16FRAC),
                Families.gauge("node_timex_maxerror_seconds", "Maximum error in seconds.", t.maxerror() / MICRO),
                Families.gauge("node_timex_estimated_error_seconds", "Estimated error in seconds.",
                        t.esterror() / MICRO),
                Families.gauge("node_timex_status", "Value of the status array bits.", t.status()),
                Families.gauge("node_timex_loop_time_constant", "Phase-locked loop time constant.", t.constant()),
                Families.gauge("node_timex_tick_seconds", "Seconds between clock ticks.", t.tick() / MICRO),
                Families.gauge("node_timex_pps_frequency_hertz", "Pulse per second frequency.",
                        t.ppsfreq() / PPM16FRAC),
                Families.gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", t.jitter() / divisor),
                Families.gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration.", t.shift()),
                Families.gauge("node_timex_pps_stability_hertz",
                        "Pulse per second stability, average of recent frequency changes.", t.stabil() / PPM16FRAC),
                Families.counter("node_timex_pps_jitter_total",
                        "Pulse per second count of jitter limit exceeded events.", t.jitcnt()),
                Families.counter("node_timex_pps_calibration_total",
                        "Pulse per second count of calibration intervals.", t.calcnt()),
                Families.counter("node_timex_pps_error_total", "Pulse per second count of calibration errors.",
                        t.errcnt()),
                Families.counter("node_timex_pps_stability_exceeded_total",
                        "Pulse per second count of stability limit exceeded events.", t.stbcnt()),
                Families.gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t.tai()));
    }
}
