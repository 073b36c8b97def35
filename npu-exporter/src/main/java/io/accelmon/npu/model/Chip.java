package io.accelmon.npu.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A chip as the scrape sees it: health, every reading in base units and its identity text, merged from the
 * sources of one cycle by {@link Precedence}. Immutable.
 */
public record Chip(ChipKey key, Integer device, Health health, Map<Reading, Double> readings,
                   Map<Attribute, String> attributes, List<String> errorCodes) {

    public Chip {
        readings = readings.isEmpty() ? Map.of() : new EnumMap<>(readings);
        attributes = attributes.isEmpty() ? Map.of() : new EnumMap<>(attributes);
        errorCodes = List.copyOf(errorCodes);
    }

    public int npuId() {
        return key.npuId();
    }

    public int chip() {
        return key.chip();
    }

    /** The reading, or null when no source gave it. */
    public Double get(Reading r) {
        return readings.get(r);
    }

    /** The attribute, or "" when no source gave it. */
    public String text(Attribute a) {
        return attributes.getOrDefault(a, "");
    }

    /** This chip after a failed cycle: health unknown, no measurements, identity kept. */
    public Chip unknown() {
        return new Chip(key, device, Health.UNKNOWN, Map.of(), attributes, List.of());
    }

    /** Huawei's {@code model_name}: {@code <Chip Name>-<Chip Type>-<Chip Version>} when the chip name is known. */
    public String modelName() {
        String name = text(Attribute.CHIP_NAME);
        if (name.isEmpty()) {
            return text(Attribute.NAME);
        }
        StringBuilder sb = new StringBuilder(name);
        for (Attribute part : new Attribute[] {Attribute.CHIP_TYPE, Attribute.CHIP_VERSION}) {
            if (!text(part).isEmpty()) {
                sb.append('-').append(text(part));
            }
        }
        return sb.toString();
    }

    /** The chip's VDie id with dashes ({@code 42C711D4-20B03704-...}), as Huawei's {@code vdie_id}; "" if unknown. */
    public String vdieId() {
        return text(Attribute.VDIE_ID).replaceAll("\\s+", "-");
    }
}
