package io.accelmon.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Caches one handle per label value, up to a fixed number of distinct values; every value past the cap shares the
 * handle of {@link #OTHER}, so a scanner or a buggy caller cannot grow the number of series without bound.
 */
public final class BoundedLabel<H> {

    /** The label value that collects everything past the cap. */
    public static final String OTHER = "other";

    private final int max;
    private final Function<String, H> factory;
    private final ConcurrentMap<String, H> handles = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile H other;

    /** {@code max} distinct values besides {@code other}; {@code factory} builds the handle for a label value. */
    public BoundedLabel(int max, Function<String, H> factory) {
        if (max < 1) {
            throw new IllegalArgumentException(max + ": the cap on distinct label values must be at least 1");
        }
        this.max = max;
        this.factory = factory;
    }

    /** The handle for {@code value}, or the shared {@code other} handle once the cap is reached. */
    public H get(String value) {
        if (value == null) {
            return other();
        }
        H handle = handles.get(value);
        if (handle != null) {
            return handle;
        }
        if (value.isEmpty() || OTHER.equals(value)) {
            return other();
        }
        return admit(value);
    }

    /** The handle of {@code other}. */
    public H other() {
        H h = other;
        if (h == null) {
            synchronized (this) {
                h = other;
                if (h == null) {
                    h = factory.apply(OTHER);
                    other = h;
                }
            }
        }
        return h;
    }

    /** How many distinct values (not counting {@code other}) have a handle. */
    public int size() {
        return handles.size();
    }

    private H admit(String value) {
        synchronized (this) {
            H handle = handles.get(value);
            if (handle != null) {
                return handle;
            }
            if (admitted.get() >= max) {
                return other();
            }
            handle = factory.apply(value);
            handles.put(value, handle);
            admitted.incrementAndGet();
            return handle;
        }
    }
}
