package io.accelmon.api.summary;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import java.util.function.LongSupplier;

/**
 * Quantiles over a sliding time window, kept in a ring of DDSketches: an observation goes into the current slot
 * only (one index computation and one array increment), and a read merges the slots still inside the window. Each
 * quantile read is within {@code relativeAccuracy} of a value of the right rank, whatever the distribution.
 * Not thread-safe: {@link SketchSummary}'s data points lock around it.
 */
final class SlidingSketch {

    // beyond this many bins the lowest ones merge: at 1% accuracy that is ~17 decades, so it only bounds memory
    private static final int MAX_BINS = 2048;

    private final DDSketch[] slots;
    private final DDSketch merged;
    private final long slotMillis;
    private final LongSupplier clockMillis;
    private int current;
    private long currentEnds;

    SlidingSketch(double relativeAccuracy, long windowMillis, int slots, LongSupplier clockMillis) {
        this.slots = new DDSketch[slots];
        for (int i = 0; i < slots; i++) {
            this.slots[i] = DDSketches.collapsingLowestDense(relativeAccuracy, MAX_BINS);
        }
        this.merged = DDSketches.collapsingLowestDense(relativeAccuracy, MAX_BINS);
        this.slotMillis = Math.max(1, windowMillis / slots);
        this.clockMillis = clockMillis;
        this.currentEnds = clockMillis.getAsLong() + slotMillis;
    }

    void observe(double value) {
        advance();
        slots[current].accept(value);
    }

    /** The values at {@code quantiles} over the window, NaN for each when the window holds no observation. */
    double[] quantiles(double[] quantiles) {
        advance();
        merged.clear();
        for (DDSketch slot : slots) {
            merged.mergeWith(slot);
        }
        if (merged.isEmpty()) {
            double[] none = new double[quantiles.length];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return merged.getValuesAtQuantiles(quantiles);
    }

    /** Moves to the slot for now, emptying every slot that fell out of the window on the way. */
    private void advance() {
        long now = clockMillis.getAsLong();
        if (now < currentEnds) {
            return;
        }
        long passed = (now - currentEnds) / slotMillis + 1;
        for (long i = 0; i < Math.min(passed, slots.length); i++) {
            current = (current + 1) % slots.length;
            slots[current].clear();
        }
        currentEnds += passed * slotMillis;
    }
}
