package io.accelmon.provisioning.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.provisioning.check.HealthReportBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure mapping from the four query answers to {@link UsageRow}s, one per (user, server); tested on recorded JSON. */
public final class UsageCalculator {

    private UsageCalculator() {
    }

    /**
     * @param gpusInUse matrix of {@link UsageQueries#GPUS_IN_USE} sampled every {@code step} over [from, to]
     * @param gpuMemory matrix of {@link UsageQueries#GPU_MEMORY}
     * @param smBusy    vector of {@link UsageQueries#gpuSmBusySeconds} at {@code to}
     * @param cpu       vector of {@link UsageQueries#cpuCoreSeconds} at {@code to}
     */
    public static List<UsageRow> rows(JsonNode gpusInUse, JsonNode gpuMemory, JsonNode smBusy, JsonNode cpu,
                                      Instant to, Duration step) {
        Map<Key, Acc> acc = new TreeMap<>();
        double stepSeconds = step.toMillis() / 1000.0;
        double end = to.toEpochMilli() / 1000.0;
        for (JsonNode series : gpusInUse) {
            Acc a = acc.computeIfAbsent(Key.of(series.path("metric")), k -> new Acc());
            String model = series.path("metric").path("name").asText("unknown");
            double seconds = 0;
            for (JsonNode point : series.path("values")) {
                // Each sample stands for the step that starts at it; the sample at `to` starts nothing.
                if (point.path(0).asDouble() < end) {
                    seconds += value(point) * stepSeconds;
                }
            }
            a.gpu.merge(model, seconds, Double::sum);
        }
        for (JsonNode series : gpuMemory) {
            Acc a = acc.computeIfAbsent(Key.of(series.path("metric")), k -> new Acc());
            for (JsonNode point : series.path("values")) {
                a.peakMemory = Math.max(a.peakMemory, value(point));
            }
        }
        for (JsonNode series : smBusy) {
            Acc a = acc.computeIfAbsent(Key.of(series.path("metric")), k -> new Acc());
            String model = series.path("metric").path("name").asText("unknown");
            a.smBusy.merge(model, value(series.path("value")), Double::sum);
        }
        for (JsonNode series : cpu) {
            Acc a = acc.computeIfAbsent(Key.of(series.path("metric")), k -> new Acc());
            a.cpu += value(series.path("value"));
        }
        List<UsageRow> rows = new ArrayList<>();
        // A user seen only with zero use (an idle login) is not a line on a bill.
        acc.entrySet().removeIf(e -> e.getValue().idle());
        acc.forEach((k, a) -> rows.add(new UsageRow(k.user, k.server, k.hostname,
                Collections.unmodifiableMap(new TreeMap<>(a.gpu)), Collections.unmodifiableMap(new TreeMap<>(a.smBusy)),
                a.cpu, a.peakMemory)));
        return rows;
    }

    private static double value(JsonNode point) {
        try {
            double v = Double.parseDouble(point.path(1).asText("0"));
            return Double.isFinite(v) ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record Key(String user, String server, String hostname) implements Comparable<Key> {
        static Key of(JsonNode labels) {
            return new Key(labels.path("user").asText("unknown"), HealthReportBuilder.serverOf(labels),
                    labels.path("hostname").asText(""));
        }

        @Override
        public int compareTo(Key o) {
            int c = user.compareTo(o.user);
            return c != 0 ? c : server.compareTo(o.server);
        }
    }

    private static final class Acc {
        final Map<String, Double> gpu = new TreeMap<>();
        final Map<String, Double> smBusy = new TreeMap<>();
        double cpu;
        double peakMemory;

        boolean idle() {
            return gpu.isEmpty() && cpu <= 0 && peakMemory <= 0 && smBusy.values().stream().allMatch(s -> s <= 0);
        }
    }
}
