package io.accelmon.npu.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that decides which source wins: for every reading, attribute, the health and the error codes, the
 * most trusted {@link Source} that gave a value (DCMI, then this cycle's table, then the per-card reports). Health no
 * source gave is unknown.
 */
public final class Precedence {

    private Precedence() {
    }

    /** Merges the samples of one chip (any order, any sources; samples of other chips must not be passed). */
    public static Chip merge(ChipKey key, List<ChipSample> samples) {
        List<ChipSample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparing(ChipSample::source));
        Map<Reading, Double> readings = new EnumMap<>(Reading.class);
        Map<Attribute, String> attributes = new EnumMap<>(Attribute.class);
        Integer device = null;
        Health health = null;
        List<String> codes = null;
        for (ChipSample s : ordered) {
            s.readings().forEach(readings::putIfAbsent);
            s.attributes().forEach(attributes::putIfAbsent);
            device = device != null ? device : s.device();
            if (s.health() != null && (health == null || health == Health.UNKNOWN)) {
                health = s.health();
            }
            codes = codes != null ? codes : s.errorCodes();
        }
        return new Chip(key, device, health == null ? Health.UNKNOWN : health, readings, attributes,
                codes == null ? List.of() : codes);
    }
}
