package io.accelmon.gpu.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One GPU as read at one moment: identity, whether it is lost (fallen off the bus), the readings its source supports,
 * the active clock event reasons bitmask and its NVLinks (empty without NVLink). A lost GPU keeps its identity and has
 * no readings.
 */
public record GpuDevice(int index, String uuid, String name, String pciBusId, boolean lost,
                        Map<Reading, Double> readings, OptionalLong clockEventReasons, List<NvLink> nvlinks) {

    public GpuDevice {
        readings = readings.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(readings));
        nvlinks = List.copyOf(nvlinks);
    }

    public GpuDevice(int index, String uuid, String name, String pciBusId, boolean lost,
                     Map<Reading, Double> readings, OptionalLong clockEventReasons) {
        this(index, uuid, name, pciBusId, lost, readings, clockEventReasons, List.of());
    }

    public static GpuDevice lost(int index, String uuid, String name, String pciBusId) {
        return new GpuDevice(index, uuid, name, pciBusId, true, Map.of(), OptionalLong.empty());
    }

    public Optional<Double> reading(Reading reading) {
        return Optional.ofNullable(readings.get(reading));
    }
}
