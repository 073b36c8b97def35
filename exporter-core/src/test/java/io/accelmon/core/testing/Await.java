package io.accelmon.core.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for the state a test needs, which another thread or process reaches in its own time: reads a probe until its
 * value is the one awaited or a deadline passes, and hands back the last value read, so the test asserts on it and a
 * failure shows what was last seen. Polls quickly at first, then every 250 ms.
 */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long LONGEST_PAUSE_MILLIS = 250;

    private Await() {
    }

    /** Reads {@code probe} until {@code done} holds, at most {@code max}; the last value read, awaited or not. */
    public static <T> T until(Duration max, Callable<T> probe, Predicate<? super T> done) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(pause);
            pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
            value = probe.call();
        }
        return value;
    }
}
