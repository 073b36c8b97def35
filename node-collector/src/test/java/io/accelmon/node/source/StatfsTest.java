package io.accelmon.node.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatfsTest {

    @Test
    void aHungMountCostsOneTimeoutThenIsSkippedUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hungCalls = new AtomicInteger();
        Statfs statfs = new Statfs(mp -> {
            if (mp.equals("/hung")) {
                hungCalls.incrementAndGet();
                release.await();
            }
            return new Statfs.Usage(100, 50, 40, 10, 5);
        });
        long start = System.nanoTime();
        var first = statfs.read(List.of("/", "/hung"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(first.get("/").ok()).isTrue();
        assertThat(first.get("/hung").error()).isEqualTo("mountpoint timeout");

        start = System.nanoTime();
        var second = statfs.read(List.of("/", "/hung"), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(second.get("/hung").ok()).isFalse();
        assertThat(hungCalls).hasValue(1);

        release.countDown();
        // the released call finishes on its own thread; until it has, the mount still counts as stuck
        var third = Await.until(Duration.ofSeconds(10), () -> statfs.read(List.of("/hung"), Duration.ofSeconds(5)),
                o -> o.get("/hung").ok());
        assertThat(third.get("/hung").ok()).isTrue();
        assertThat(hungCalls).hasValue(2);
    }

    @Test
    void mountsAfterAHungOneAreStillReadBeforeTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Statfs statfs = new Statfs(mp -> {
            if (mp.equals("/hung")) {
                release.await();
            }
            return new Statfs.Usage(100, 50, 40, 10, 5);
        });
        try {
            var outcomes = statfs.read(List.of("/hung", "/", "/home"), Duration.ofSeconds(2));
            assertThat(outcomes.get("/hung").error()).isEqualTo("mountpoint timeout");
            assertThat(outcomes.get("/").ok()).isTrue();
            assertThat(outcomes.get("/home").ok()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aMountNotStartedByTheDeadlineIsNotReadLater() throws Exception {
        // every call is slow: a few start before the deadline, the rest must wait for the next scrape, since a call
        // started after the scrape has answered could hang without being reported or kept as stuck
        AtomicInteger started = new AtomicInteger();
        Statfs statfs = new Statfs(mp -> {
            started.incrementAndGet();
            Thread.sleep(400);
            return new Statfs.Usage(100, 50, 40, 10, 5);
        });
        List<String> mounts = IntStream.range(0, 20).mapToObj(i -> "/m" + i).toList();
        var outcomes = statfs.read(mounts, Duration.ofMillis(150));
        int startedInTime = started.get();
        assertThat(startedInTime).isBetween(1, 19);
        assertThat(outcomes.values()).allMatch(o -> "mountpoint timeout".equals(o.error()));
        Thread.sleep(1000);
        assertThat(started).as("calls started after the scrape answered").hasValue(startedInTime);
    }

    @Test
    void realStatvfsOfRoot() {
        var root = Statfs.system().read(List.of("/"), Duration.ofSeconds(10)).get("/");
        assertThat(root.ok()).as(String.valueOf(root.error())).isTrue();
        assertThat(root.usage().size()).isPositive().isGreaterThanOrEqualTo(root.usage().free());
        assertThat(root.usage().free()).isGreaterThanOrEqualTo(root.usage().avail());
    }

    @Test
    void aFailingStatvfsNamesTheError() {
        var missing = Statfs.system().read(List.of("/no/such/mount"), Duration.ofSeconds(10)).get("/no/such/mount");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.error()).contains("errno");
    }
}
