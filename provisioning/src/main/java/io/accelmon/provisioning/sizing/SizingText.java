package io.accelmon.provisioning.sizing;

import java.util.Locale;
import java.util.Map;

/** The sizing estimate as the lines {@code accelmon validate --sizing} prints. */
public final class SizingText {

    private SizingText() {
    }

    public static String render(SizingEstimate e, Hardware hw, int configuredShards) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "sizing: %,d servers, %,d targets; assuming %d CPUs, %d GPUs, %d NPU "
                        + "chips per server (--cpus-per-server, --gpus-per-server, --npu-chips-per-server)%n",
                e.servers(), e.targets(), hw.cpusPerServer(), hw.gpusPerServer(), hw.npuChipsPerServer()));
        out.append(String.format(Locale.ROOT, "  active series:     %,d%n", e.series()));
        for (Map.Entry<String, Long> s : e.seriesBySource().entrySet()) {
            if (s.getValue() > 0) {
                out.append(String.format(Locale.ROOT, "    %-29s %,d%n", s.getKey(), s.getValue()));
            }
        }
        out.append(String.format(Locale.ROOT, "  samples/s:         %,.0f%n", e.samplesPerSecond()));
        out.append(String.format(Locale.ROOT, "  disk per day:      %.2f GiB (%.0f bytes per sample; times "
                + "--storage.tsdb.retention.time in days)%n", e.bytesPerDay() / (1024.0 * 1024 * 1024),
                SeriesCounts.BYTES_PER_SAMPLE));
        String limit = String.format(Locale.ROOT, "%,d", SeriesCounts.SERIES_PER_PROMETHEUS);
        if (e.recommendedShards() > configuredShards) {
            out.append(String.format(Locale.ROOT, "  scale_out.shards:  recommend %d (now %d): one Prometheus should "
                    + "hold at most %s active series%n", e.recommendedShards(), configuredShards, limit));
        } else {
            out.append(String.format(Locale.ROOT, "  scale_out.shards:  %d is enough (at most %s active series per "
                    + "Prometheus)%n", configuredShards, limit));
        }
        return out.toString();
    }
}
