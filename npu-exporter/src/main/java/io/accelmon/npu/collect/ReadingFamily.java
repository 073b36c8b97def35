package io.accelmon.npu.collect;

import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.Reading;
import io.prometheus.metrics.model.snapshots.Labels;

/** One row of a naming's table: a reading served as a gauge family, times {@code factor} (base unit to the family's). */
record ReadingFamily(Reading reading, String name, String help, double factor) {

    static final double MIB = 1024.0 * 1024.0;

    static ReadingFamily of(Reading reading, String name, String help) {
        return new ReadingFamily(reading, name, help, 1);
    }

    /** The same reading served in percent. */
    static ReadingFamily percent(Reading reading, String name, String help) {
        return new ReadingFamily(reading, name, help, 100);
    }

    /** The same reading served in MB (npu-smi's MiB). */
    static ReadingFamily megabytes(Reading reading, String name, String help) {
        return new ReadingFamily(reading, name, help, 1 / MIB);
    }

    /** The same reading served in MHz. */
    static ReadingFamily megahertz(Reading reading, String name, String help) {
        return new ReadingFamily(reading, name, help, 1e-6);
    }

    /** Adds the chip's value, when it has one. */
    void render(Chip chip, Labels labels, Families f) {
        Double v = chip.get(reading);
        if (v != null) {
            f.gauge(name, help, labels, scale(v));
        }
    }

    private double scale(double v) {
        if (factor == 1) {
            return v;
        }
        // round away the binary noise of percent/ratio and MB/byte round trips (0.37 * 100 = 37.00000000000001)
        return Math.round(v * factor * 1e9) / 1e9;
    }
}
