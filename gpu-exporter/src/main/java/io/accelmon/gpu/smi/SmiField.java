package io.accelmon.gpu.smi;

import io.accelmon.gpu.model.Reading;
import java.util.List;

/**
 * The {@code nvidia-smi --query-gpu} fields the exporter asks for: their names (newest first, older drivers'
 * spellings after), how the text is read, and the reading it fills. Identity fields have no reading.
 */
enum SmiField {
    INDEX(Kind.TEXT, null, "index"),
    UUID(Kind.TEXT, null, "uuid"),
    NAME(Kind.TEXT, null, "name"),
    PCI_BUS_ID(Kind.TEXT, null, "pci.bus_id"),
    DRIVER_VERSION(Kind.TEXT, null, "driver_version"),
    UTILIZATION(Kind.NUMBER, Reading.UTILIZATION, "utilization.gpu"),
    MEMORY_UTILIZATION(Kind.NUMBER, Reading.MEMORY_UTILIZATION, "utilization.memory"),
    MEMORY_TOTAL(Kind.MEBIBYTES, Reading.MEMORY_TOTAL_BYTES, "memory.total"),
    MEMORY_USED(Kind.MEBIBYTES, Reading.MEMORY_USED_BYTES, "memory.used"),
    MEMORY_FREE(Kind.MEBIBYTES, Reading.MEMORY_FREE_BYTES, "memory.free"),
    MEMORY_RESERVED(Kind.MEBIBYTES, Reading.MEMORY_RESERVED_BYTES, "memory.reserved"),
    TEMPERATURE(Kind.NUMBER, Reading.TEMPERATURE_CELSIUS, "temperature.gpu"),
    MEMORY_TEMPERATURE(Kind.NUMBER, Reading.MEMORY_TEMPERATURE_CELSIUS, "temperature.memory"),
    POWER_DRAW(Kind.NUMBER, Reading.POWER_DRAW_WATTS, "power.draw"),
    POWER_LIMIT(Kind.NUMBER, Reading.POWER_LIMIT_WATTS, "enforced.power.limit"),
    SM_CLOCK(Kind.MEGAHERTZ, Reading.SM_CLOCK_HERTZ, "clocks.current.sm", "clocks.sm"),
    MEMORY_CLOCK(Kind.MEGAHERTZ, Reading.MEMORY_CLOCK_HERTZ, "clocks.current.memory", "clocks.mem"),
    GRAPHICS_CLOCK(Kind.MEGAHERTZ, Reading.GRAPHICS_CLOCK_HERTZ, "clocks.current.graphics", "clocks.gr"),
    VIDEO_CLOCK(Kind.MEGAHERTZ, Reading.VIDEO_CLOCK_HERTZ, "clocks.current.video", "clocks.video"),
    GRAPHICS_CLOCK_MAX(Kind.MEGAHERTZ, Reading.GRAPHICS_CLOCK_MAX_HERTZ, "clocks.max.graphics", "clocks.max.gr"),
    MEMORY_CLOCK_MAX(Kind.MEGAHERTZ, Reading.MEMORY_CLOCK_MAX_HERTZ, "clocks.max.memory", "clocks.max.mem"),
    PSTATE(Kind.PSTATE, Reading.PSTATE, "pstate"),
    CLOCK_EVENT_REASONS(Kind.HEX, null, "clocks_event_reasons.active", "clocks_throttle_reasons.active"),
    ECC_CORRECTED(Kind.NUMBER, Reading.ECC_CORRECTED_ERRORS, "ecc.errors.corrected.aggregate.total"),
    ECC_UNCORRECTED(Kind.NUMBER, Reading.ECC_UNCORRECTED_ERRORS, "ecc.errors.uncorrected.aggregate.total"),
    REMAPPED_CORRECTABLE(Kind.NUMBER, Reading.REMAPPED_ROWS_CORRECTABLE, "remapped_rows.correctable"),
    REMAPPED_UNCORRECTABLE(Kind.NUMBER, Reading.REMAPPED_ROWS_UNCORRECTABLE, "remapped_rows.uncorrectable"),
    REMAPPED_PENDING(Kind.YES_NO, Reading.REMAPPED_ROWS_PENDING, "remapped_rows.pending"),
    REMAPPED_FAILURE(Kind.YES_NO, Reading.REMAPPED_ROWS_FAILURE, "remapped_rows.failure"),
    RETIRED_SINGLE_BIT(Kind.NUMBER, Reading.RETIRED_PAGES_SINGLE_BIT, "retired_pages.single_bit_ecc.count"),
    RETIRED_DOUBLE_BIT(Kind.NUMBER, Reading.RETIRED_PAGES_DOUBLE_BIT, "retired_pages.double_bit.count"),
    RETIRED_PENDING(Kind.YES_NO, Reading.RETIRED_PAGES_PENDING, "retired_pages.pending"),
    FAN_SPEED(Kind.NUMBER, Reading.FAN_SPEED_PERCENT, "fan.speed"),
    ENCODER_UTILIZATION(Kind.NUMBER, Reading.ENCODER_UTILIZATION, "utilization.encoder"),
    DECODER_UTILIZATION(Kind.NUMBER, Reading.DECODER_UTILIZATION, "utilization.decoder"),
    MIG_MODE(Kind.ENABLED, Reading.MIG_MODE, "mig.mode.current");

    /** How a field's text becomes a number. */
    enum Kind { TEXT, NUMBER, MEBIBYTES, MEGAHERTZ, PSTATE, HEX, YES_NO, ENABLED }

    private final Kind kind;
    private final Reading reading;
    private final List<String> names;

    SmiField(Kind kind, Reading reading, String... names) {
        this.kind = kind;
        this.reading = reading;
        this.names = List.of(names);
    }

    Kind kind() {
        return kind;
    }

    Reading reading() {
        return reading;
    }

    List<String> names() {
        return names;
    }

    /** Identity fields every query must hold. */
    boolean required() {
        return this == INDEX || this == UUID;
    }
}
