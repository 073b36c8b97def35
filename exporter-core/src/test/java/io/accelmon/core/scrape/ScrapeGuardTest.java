package io.accelmon.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeGuardTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingSources() {
        release.countDown();
    }

    private static GaugeSnapshot gauge(String name, double value) {
        return GaugeSnapshot.builder().name(name).help(name)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static SourceCollector source(String name, SourceRead read) {
        return new SourceCollector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<MetricSnapshot> collect() throws Exception {
                return read.read();
            }
        };
    }

    interface SourceRead {
        List<MetricSnapshot> read() throws Exception;
    }

    /**
     * A registry over {@code guard} with {@code hung} sources ({@code hang<i>}) that block until the test ends, then
     * {@code quick} ones ({@code quick<i>}, serving {@code test_quick_<i> <i>}).
     */
    private PrometheusRegistry hungThenQuick(ScrapeGuard guard, int hung, int quick) {
        for (int i = 0; i < hung; i++) {
            guard.add(source("hang" + i, () -> {
                release.await(60, TimeUnit.SECONDS);
                return List.of(gauge("test_late", 1));
            }));
        }
        for (int i = 0; i < quick; i++) {
            int n = i;
            guard.add(source("quick" + n, () -> List.of(gauge("test_quick_" + n, n))));
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(guard);
        return registry;
    }

    private static String scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aThrowingCollectorIsSuccessZeroWhileTheOthersAreServed() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ScrapeGuard("test_exporter", Duration.ofSeconds(2))
                .add(source("good", () -> List.of(gauge("test_temperature_celsius", 41))))
                .add(source("broken", () -> {
                    throw new IOException("nvidia-smi: No devices were found");
                })));
        String text = scrape(registry);
        assertThat(text).contains("test_temperature_celsius 41.0")
                .contains("test_exporter_collector_success{collector=\"good\"} 1.0")
                .contains("test_exporter_collector_success{collector=\"broken\"} 0.0")
                .contains("test_exporter_collector_duration_seconds{collector=\"broken\"}");
    }

    @Test
    void theSelfMetricsFollowACollectorWhoseNameChanges() throws IOException {
        java.util.concurrent.atomic.AtomicReference<String> backend = new java.util.concurrent.atomic.AtomicReference<>("none");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ScrapeGuard("test_exporter", Duration.ofSeconds(2)).add(new SourceCollector() {
            @Override
            public String name() {
                return backend.get();
            }

            @Override
            public List<MetricSnapshot> collect() {
                return List.of(gauge("test_utilization_ratio", 0.5));
            }
        }));
        assertThat(scrape(registry)).contains("test_exporter_collector_success{collector=\"none\"} 1.0");
        backend.set("nvidia-smi");
        assertThat(scrape(registry)).contains("test_exporter_collector_success{collector=\"nvidia-smi\"} 1.0")
                .doesNotContain("collector=\"none\"");
    }

    @Test
    void aHangingCollectorIsBoundedByTheTimeoutAndReadOnlyOnce() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ScrapeGuard("test_exporter", Duration.ofMillis(300))
                .add(source("fast", () -> List.of(gauge("test_up", 1))))
                .add(source("hang", () -> {
                    reads.incrementAndGet();
                    release.await(60, TimeUnit.SECONDS);
                    return List.of(gauge("test_late", 1));
                })));
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            String text = scrape(registry);
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertThat(ms).isBetween(250L, 1500L);
            assertThat(text).contains("test_up 1.0").doesNotContain("test_late")
                    .contains("test_exporter_collector_success{collector=\"hang\"} 0.0")
                    .contains("test_exporter_collector_success{collector=\"fast\"} 1.0");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void nullResultsAndDuplicateFamiliesNeverBreakTheScrape() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ScrapeGuard("test_exporter", Duration.ofSeconds(2))
                .add(source("a", () -> List.of(gauge("test_shared", 1))))
                .add(source("b", () -> List.of(gauge("test_shared", 2))))
                .add(source("nulls", () -> null))
                .add(source("error", () -> {
                    throw new OutOfMemoryError("simulated");
                })));
        String text = scrape(registry);
        assertThat(text).contains("test_shared 1.0").doesNotContain("test_shared 2.0")
                .contains("test_exporter_collector_success{collector=\"nulls\"} 0.0")
                .contains("test_exporter_collector_success{collector=\"error\"} 0.0");
    }

    @Test
    void collectorsAddedWhileScrapingAreSafe() throws Exception {
        ScrapeGuard guard = new ScrapeGuard("test_exporter", Duration.ofSeconds(2))
                .add(source("first", () -> List.of(gauge("test_first", 1))));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(guard);
        Thread adder = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                int n = i;
                guard.add(source("c" + n, () -> List.of(gauge("test_c" + n, n))));
            }
        });
        adder.start();
        for (int i = 0; i < 20; i++) {
            assertThat(scrape(registry)).contains("test_exporter_collector_success");
        }
        adder.join();
        assertThat(scrape(registry)).contains("test_c199 199.0");
    }

    @Test
    void readsBlockedOnEveryLaneDoNotHoldBackTheOthers() throws IOException {
        PrometheusRegistry registry = hungThenQuick(new ScrapeGuard("test_exporter", Duration.ofSeconds(3)), 6, 30);
        long t = System.nanoTime();
        String text = scrape(registry);
        assertThat((System.nanoTime() - t) / 1_000_000).isBetween(2500L, 6000L);
        for (int i = 0; i < 30; i++) {
            assertThat(text).contains("test_quick_" + i + " " + i + ".0")
                    .contains("test_exporter_collector_success{collector=\"quick" + i + "\"} 1.0");
        }
        assertThat(text).contains("test_exporter_collector_success{collector=\"hang5\"} 0.0");
    }

    @Test
    void withOneLaneABlockedReadHoldsTheOthersBackOnlyUntilALaneIsAdded() throws IOException {
        PrometheusRegistry registry = hungThenQuick(
                new ScrapeGuard("test_exporter", Duration.ofSeconds(2), 1, ScrapeGuard.STALL), 1, 10);
        String text = scrape(registry);
        for (int i = 0; i < 10; i++) {
            assertThat(text).contains("test_exporter_collector_success{collector=\"quick" + i + "\"} 1.0");
        }
        assertThat(text).contains("test_exporter_collector_success{collector=\"hang0\"} 0.0");
        assertThatThrownBy(() -> new ScrapeGuard("test_exporter", Duration.ofSeconds(2), 0, ScrapeGuard.STALL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCollectorSeesTheNamesOnlyTheOthersServe() throws IOException {
        List<java.util.Set<String>> seen = new java.util.ArrayList<>();
        SourceCollector yielding = new SourceCollector() {
            @Override
            public String name() {
                return "yielding";
            }

            @Override
            public List<MetricSnapshot> collect() {
                return List.of(gauge("test_mine", 1), gauge("test_both", 1));
            }

            @Override
            public List<MetricSnapshot> yieldTo(java.util.Set<String> namesOfOthers, List<MetricSnapshot> own) {
                seen.add(java.util.Set.copyOf(namesOfOthers));
                assertThat(namesOfOthers.contains("test_both")).isTrue();
                assertThat(namesOfOthers.contains("test_mine")).isFalse();
                return own;
            }
        };
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ScrapeGuard("test_exporter", Duration.ofSeconds(2))
                .add(source("other", () -> List.of(gauge("test_both", 2), gauge("test_other", 3))))
                .add(yielding));
        scrape(registry);
        assertThat(seen).containsExactly(java.util.Set.of("test_both", "test_other"));
    }
}
