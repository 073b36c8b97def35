package io.accelmon.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void fiftyConcurrentCallersShareOneRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SingleFlight<String> flight = new SingleFlight<>("slow", () -> {
            reads.incrementAndGet();
            release.await();
            return "snapshot";
        });
        List<Thread> callers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(50, r -> {
            Thread t = new Thread(r);
            callers.add(t);
            return t;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> flight.get(Duration.ofSeconds(10))));
            }
            awaitAllWaiting(callers, 50);
            release.countDown();
            for (Future<String> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("snapshot");
            }
            assertThat(reads).hasValue(1);
            // once done, the next caller starts a fresh read
            assertThat(flight.get(Duration.ofSeconds(5))).isEqualTo("snapshot");
            assertThat(reads).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHangingReadCostsEachCallerTheTimeoutAndRunsOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        SingleFlight<String> flight = new SingleFlight<>("hang", () -> {
            reads.incrementAndGet();
            never.await(60, TimeUnit.SECONDS);
            return "late";
        });
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Long>> waited = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waited.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    try {
                        flight.get(Duration.ofMillis(300));
                        return -1L;
                    } catch (TimeoutException expected) {
                        return (System.nanoTime() - t) / 1_000_000;
                    }
                }));
            }
            for (Future<Long> w : waited) {
                assertThat(w.get(10, TimeUnit.SECONDS)).isBetween(250L, 5000L);
            }
            // a later scrape joins the same hanging read instead of starting another
            assertThatThrownBy(() -> flight.get(Duration.ofMillis(100))).isInstanceOf(TimeoutException.class);
            assertThat(reads).hasValue(1);
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    /** Until every caller is parked in its timed wait for the flight: a caller still on its way could start a read. */
    private static void awaitAllWaiting(List<Thread> callers, int count) throws Exception {
        boolean allWaiting = Await.until(Duration.ofSeconds(10), () -> callers.size() == count
                && callers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING), Boolean::booleanValue);
        assertThat(allWaiting).as("all %d callers waiting on the flight", count).isTrue();
    }

    @Test
    void failuresReachEveryCallerAndTheNextCallRetries() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        SingleFlight<String> flight = new SingleFlight<>("flaky", () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("nvml gone");
            }
            return "ok";
        });
        assertThatThrownBy(() -> flight.get(Duration.ofSeconds(5))).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("nvml gone");
        assertThat(flight.get(Duration.ofSeconds(5))).isEqualTo("ok");
    }
}
