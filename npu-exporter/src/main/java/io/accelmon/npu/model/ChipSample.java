package io.accelmon.npu.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one source said about one chip in base units: a partial, mutable record filled by one backend and merged
 * by {@link Precedence}. A reading a source did not print ({@code NA}, {@code -}, an error) is simply absent.
 */
public final class ChipSample {

    private final Source source;
    private final ChipKey key;
    private final Map<Reading, Double> readings = new EnumMap<>(Reading.class);
    private final Map<Attribute, String> attributes = new EnumMap<>(Attribute.class);
    private Integer device;
    private Health health;
    private List<String> errorCodes;

    public ChipSample(Source source, ChipKey key) {
        this.source = source;
        this.key = key;
    }

    public Source source() {
        return source;
    }

    public ChipKey key() {
        return key;
    }

    public int npuId() {
        return key.npuId();
    }

    public int chip() {
        return key.chip();
    }

    /** Sets a reading; a null or non-finite value is ignored. */
    public ChipSample put(Reading r, Double value) {
        if (value != null && Double.isFinite(value)) {
            readings.put(r, value);
        }
        return this;
    }

    /** Sets an attribute; blank and {@code NA} are ignored. */
    public ChipSample put(Attribute a, String value) {
        if (value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("NA")) {
            attributes.put(a, value.strip());
        }
        return this;
    }

    public ChipSample device(Integer device) {
        this.device = device;
        return this;
    }

    public ChipSample health(Health health) {
        this.health = health;
        return this;
    }

    /** The active error codes of {@code -t health}; also sets {@link Reading#ERROR_CODE_COUNT}. */
    public ChipSample errorCodes(List<String> codes) {
        this.errorCodes = List.copyOf(codes);
        readings.put(Reading.ERROR_CODE_COUNT, (double) codes.size());
        return this;
    }

    public Double get(Reading r) {
        return readings.get(r);
    }

    public String get(Attribute a) {
        return attributes.get(a);
    }

    public Map<Reading, Double> readings() {
        return readings;
    }

    public Map<Attribute, String> attributes() {
        return attributes;
    }

    public Integer device() {
        return device;
    }

    /** The health this source reported, or null when it gave none. */
    public Health health() {
        return health;
    }

    /** The error codes this source listed, or null when it read none. */
    public List<String> errorCodes() {
        return errorCodes == null ? null : new ArrayList<>(errorCodes);
    }
}
