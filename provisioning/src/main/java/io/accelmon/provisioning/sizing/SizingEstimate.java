package io.accelmon.provisioning.sizing;

import java.util.Map;

/**
 * The expected load of the cluster's Prometheus: active series by source, samples per second, bytes per retention
 * day, and the {@code scale_out.shards} that keeps each Prometheus under {@link SeriesCounts#SERIES_PER_PROMETHEUS}.
 */
public record SizingEstimate(int servers, int targets, Map<String, Long> seriesBySource, double samplesPerSecond,
                             long bytesPerDay, int recommendedShards) {

    public long series() {
        return seriesBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
