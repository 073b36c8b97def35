package io.accelmon.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestThreadsTest {

    private static final ServingLimits LIMITS = ServingLimits.defaults(40);

    @Test
    void twoRequestsHandedOverBackToBackRunAtOnce() throws Exception {
        // the JDK server hands two requests over back to back; the first thread may not have taken its task yet
        for (int round = 0; round < 200; round++) {
            ExecutorService threads = RequestThreads.create(LIMITS);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(2);
            try {
                executeHeld(threads, 2, started, release);
                assertThat(started.await(5, TimeUnit.SECONDS)).as("both requests running, round %d", round).isTrue();
            } finally {
                release.countDown();
                threads.shutdownNow();
            }
        }
    }

    @Test
    void anIdleThreadTakesTheNextRequestInsteadOfANewThreadBeingMade() throws Exception {
        ExecutorService threads = RequestThreads.create(LIMITS);
        try {
            for (int i = 0; i < 50; i++) {
                CountDownLatch done = new CountDownLatch(1);
                threads.execute(done::countDown);
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
                awaitIdle(threads);
            }
            assertThat(((ThreadPoolExecutor) threads).getLargestPoolSize()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void pastTheThreadCapRequestsWaitInTheQueueAndRunWhenAThreadIsFree() throws Exception {
        ServingLimits two = new ServingLimits(LIMITS.requestHeaderTimeout(), LIMITS.idleTimeout(),
                LIMITS.maxIdleConnections(), 2, 4, LIMITS.backlog(), LIMITS.maxRequests());
        ExecutorService threads = RequestThreads.create(two);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(5);
        try {
            executeHeld(threads, 5, started, release);
            assertThat(started.getCount()).isGreaterThanOrEqualTo(3);
            release.countDown();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(((ThreadPoolExecutor) threads).getLargestPoolSize()).isEqualTo(2);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Hands over {@code count} requests that each count down {@code started}, then hold their thread. */
    private static void executeHeld(ExecutorService threads, int count, CountDownLatch started, CountDownLatch release) {
        for (int i = 0; i < count; i++) {
            threads.execute(() -> {
                started.countDown();
                await(release);
            });
        }
    }

    private static void awaitIdle(ExecutorService threads) throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) threads;
        assertThat(Await.until(Duration.ofSeconds(5), pool::getActiveCount, n -> n == 0)).as("busy threads").isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
