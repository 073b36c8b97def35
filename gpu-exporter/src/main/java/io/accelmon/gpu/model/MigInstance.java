package io.accelmon.gpu.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A MIG instance of a GPU in MIG mode: its GPU instance id, compute instance id, MIG device uuid, profile (e.g.
 * {@code 1g.10gb}) and the readings NVML gives per instance (memory; GPM activity where the GPU supports GPM).
 */
public record MigInstance(int gpuIndex, int gpuInstanceId, int computeInstanceId, String uuid, String profile,
                          Map<Reading, Double> readings) {

    public MigInstance {
        readings = readings.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(readings));
    }

    public java.util.Optional<Double> reading(Reading reading) {
        return java.util.Optional.ofNullable(readings.get(reading));
    }
}
