package io.accelmon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void countsRequestsByMethodEndpointAndStatus() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        ApiEndpoint users = metrics.endpoint("/users/{id}");
        users.observe("GET", 200, 10_000_000, 0, 120);
        users.observe("GET", 200, 20_000_000, 0, 130);
        users.observe("GET", 404, 1_000_000, 0, 19);
        metrics.endpoint("/v1/chat/completions").observe("POST", 400, 2_000_000, 7, 30);

        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/users/{id}", "status", "200"))
                .isEqualTo(2.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/users/{id}", "status", "404"))
                .isEqualTo(1.0);
        assertThat(e.value("api_requests_total", "method", "POST", "endpoint", "/v1/chat/completions",
                "status", "400")).isEqualTo(1.0);
        assertThat(e.seriesCount("api_requests_total")).isEqualTo(3);
    }

    @Test
    void latencyIsASummaryWithTheSeedsQuantilesByDefault() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        ApiEndpoint models = metrics.endpoint("/v1/models");
        for (int ms = 1; ms <= 100; ms++) {
            models.observe("GET", 200, ms * 1_000_000L, 0, 10);
        }
        Exposition e = Exposition.of(registry);
        String[] labels = {"method", "GET", "endpoint", "/v1/models"};
        assertThat(e.text()).contains("# TYPE api_request_duration_seconds summary");
        assertThat(e.value("api_request_duration_seconds_count", labels)).isEqualTo(100.0);
        assertThat(e.value("api_request_duration_seconds_sum", labels)).isCloseTo(5.05, within(1e-9));
        assertThat(e.value("api_request_duration_seconds", with(labels, "quantile", "0.5"))).isCloseTo(0.05,
                within(0.002));
        assertThat(e.value("api_request_duration_seconds", with(labels, "quantile", "0.95"))).isCloseTo(0.095,
                within(0.002));
        assertThat(e.value("api_request_duration_seconds", with(labels, "quantile", "0.99"))).isCloseTo(0.099,
                within(0.002));
        assertThat(e.text()).doesNotContain("_bucket");
    }

    @Test
    void summaryQuantilesForgetObservationsOlderThanTheWindow() {
        AtomicLong clock = new AtomicLong(1_000_000);
        ApiMetrics metrics = ApiMetrics.builder().registry(registry)
                .summaryWindow(java.time.Duration.ofSeconds(60), 4).clock(clock::get).build();
        ApiEndpoint slow = metrics.endpoint("/slow");
        slow.observe("GET", 200, 3_000_000_000L, 0, 0);
        String[] p95 = {"method", "GET", "endpoint", "/slow", "quantile", "0.95"};
        assertThat(Exposition.of(registry).value("api_request_duration_seconds", p95)).isCloseTo(3.0, within(0.03));
        clock.addAndGet(44_000); // still inside the window
        assertThat(Exposition.of(registry).value("api_request_duration_seconds", p95)).isCloseTo(3.0, within(0.03));
        clock.addAndGet(17_000); // its slot has left the window
        assertThat(Exposition.of(registry).value("api_request_duration_seconds", p95)).isNaN();
        slow.observe("GET", 200, 10_000_000L, 0, 0);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_request_duration_seconds", p95)).isCloseTo(0.01, within(0.0001));
        // count and sum are cumulative, as for any summary
        assertThat(e.value("api_request_duration_seconds_count", "method", "GET", "endpoint", "/slow")).isEqualTo(2.0);
    }

    @Test
    void classicOnlyGivesAHistogramWithExplicitBucketsIncludingTheAlertThreshold() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).classicOnly().build();
        ApiEndpoint chat = metrics.endpoint("/v1/chat/completions");
        chat.observe("POST", 200, 1_500_000_000L, 100, 200);
        chat.observe("POST", 200, 2_200_000_000L, 100, 200);
        chat.observe("POST", 200, 40_000_000L, 100, 200);

        Exposition e = Exposition.of(registry);
        String[] labels = {"method", "POST", "endpoint", "/v1/chat/completions"};
        assertThat(e.text()).contains("# TYPE api_request_duration_seconds histogram");
        assertThat(e.value("api_request_duration_seconds_bucket", with(labels, "le", "0.05"))).isEqualTo(1.0);
        assertThat(e.value("api_request_duration_seconds_bucket", with(labels, "le", "2.0"))).isEqualTo(2.0);
        assertThat(e.value("api_request_duration_seconds_bucket", with(labels, "le", "2.5"))).isEqualTo(3.0);
        assertThat(e.value("api_request_duration_seconds_bucket", with(labels, "le", "+Inf"))).isEqualTo(3.0);
        assertThat(e.value("api_request_size_bytes_bucket", with(labels, "le", "256.0"))).isEqualTo(3.0);
        assertThat(e.text()).doesNotContain("quantile=");
    }

    @Test
    void customBucketsAndQuantiles() {
        ApiMetrics histo = ApiMetrics.builder().registry(registry).classicOnly().latencyBuckets(0.1, 1).build();
        histo.endpoint("/a").observe("GET", 200, 500_000_000L, 0, 0);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_request_duration_seconds_bucket", "method", "GET", "endpoint", "/a", "le", "1.0"))
                .isEqualTo(1.0);
        assertThat(e.seriesCount("api_request_duration_seconds_bucket")).isEqualTo(3);

        PrometheusRegistry other = new PrometheusRegistry();
        ApiMetrics summary = ApiMetrics.builder().registry(other).quantiles(0.9).build();
        summary.endpoint("/a").observe("GET", 200, 500_000_000L, 0, 0);
        assertThat(Exposition.of(other).seriesCount("api_request_duration_seconds")).isEqualTo(1);
        assertThatThrownBy(() -> ApiMetrics.builder().quantiles(1.5)).hasMessageStartingWith("1.5");
    }

    @Test
    void requestAndResponseSizes() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        ApiEndpoint chat = metrics.endpoint("/v1/chat/completions");
        chat.observe("POST", 200, 1_000_000, 300, 1200);
        chat.observe("POST", 200, 1_000_000, 100, 800);
        chat.observe("POST", 200, 1_000_000, -1, -1);
        Exposition e = Exposition.of(registry);
        String[] labels = {"method", "POST", "endpoint", "/v1/chat/completions"};
        assertThat(e.value("api_request_size_bytes_sum", labels)).isEqualTo(400.0);
        assertThat(e.value("api_request_size_bytes_count", labels)).isEqualTo(2.0);
        assertThat(e.value("api_response_size_bytes_sum", labels)).isEqualTo(2000.0);

        PrometheusRegistry noSizes = new PrometheusRegistry();
        ApiMetrics.builder().registry(noSizes).sizes(false).build().endpoint("/x").observe("GET", 200, 1, 5, 5);
        assertThat(Exposition.of(noSizes).text()).doesNotContain("size_bytes").contains("api_requests_total");
    }

    @Test
    void inFlightGoesUpWhileRequestsRun() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        ApiEndpoint users = metrics.endpoint("/users/{id}");
        users.started();
        users.started();
        assertThat(Exposition.of(registry).value("api_requests_in_flight", "endpoint", "/users/{id}")).isEqualTo(2.0);
        users.finished("GET", 200, 1000, 0, 0);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_in_flight", "endpoint", "/users/{id}")).isEqualTo(1.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/users/{id}", "status", "200"))
                .isEqualTo(1.0);
    }

    @Test
    void endpointsPastTheCapShareOther() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).maxEndpoints(3).build();
        for (int i = 0; i < 10; i++) {
            metrics.endpoint("/route" + i).observe("GET", 200, 1000, 0, 0);
        }
        metrics.endpoint("/route1").observe("GET", 200, 1000, 0, 0);
        metrics.endpoint(null).observe("GET", 404, 1000, 0, 0);

        Exposition e = Exposition.of(registry);
        assertThat(e.seriesCount("api_requests_total")).isEqualTo(5);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/route1", "status", "200"))
                .isEqualTo(2.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "other", "status", "200"))
                .isEqualTo(7.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "other", "status", "404"))
                .isEqualTo(1.0);
        assertThat(e.has("api_requests_total", "method", "GET", "endpoint", "/route5", "status", "200")).isFalse();
        assertThat(metrics.endpoint("/route9")).isSameAs(metrics.other());
    }

    @Test
    void capHoldsUnderConcurrentNewEndpoints() throws InterruptedException {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).maxEndpoints(5).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    metrics.endpoint("/p" + (i * 4 + thread)).observe("GET", 200, 1, 0, 0);
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        Exposition e = Exposition.of(registry);
        assertThat(e.seriesCount("api_requests_total")).isEqualTo(6);
        assertThat(e.value("api_request_duration_seconds_count", "method", "GET", "endpoint", "other"))
                .isEqualTo(800.0 - 5);
    }

    @Test
    void unknownMethodsAndStatusCodesAreBounded() {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        ApiEndpoint a = metrics.endpoint("/a");
        a.observe("FOO", 200, 1, 0, 0);
        a.observe("BAR", 200, 1, 0, 0);
        a.observe("GET", 999, 1, 0, 0);
        a.observe("GET", -1, 1, 0, 0);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_total", "method", "other", "endpoint", "/a", "status", "200"))
                .isEqualTo(2.0);
        assertThat(e.value("api_requests_total", "method", "GET", "endpoint", "/a", "status", "other"))
                .isEqualTo(2.0);
        assertThat(e.seriesCount("api_requests_total")).isEqualTo(2);
    }

    @Test
    void timeRecordsSuccessAndFailure() throws Exception {
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        assertThat(metrics.time("/jobs/{id}", () -> "done")).isEqualTo("done");
        assertThatThrownBy(() -> metrics.time("/jobs/{id}", () -> {
            throw new IOException("disk gone");
        })).isInstanceOf(IOException.class);
        metrics.time("/jobs/{id}", () -> { });
        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_requests_total", "method", "CALL", "endpoint", "/jobs/{id}", "status", "200"))
                .isEqualTo(2.0);
        assertThat(e.value("api_requests_total", "method", "CALL", "endpoint", "/jobs/{id}", "status", "500"))
                .isEqualTo(1.0);
        assertThat(e.value("api_requests_in_flight", "endpoint", "/jobs/{id}")).isEqualTo(0.0);
        assertThat(e.value("api_request_duration_seconds_count", "method", "CALL", "endpoint", "/jobs/{id}"))
                .isEqualTo(3.0);
    }

    @Test
    void registersOnTheDefaultRegistryUnlessTold() {
        ApiMetrics.builder().build().endpoint("/default-registry-test").observe("GET", 200, 1, 0, 0);
        try {
            assertThat(Exposition.of(PrometheusRegistry.defaultRegistry).value("api_requests_total", "method", "GET",
                    "endpoint", "/default-registry-test", "status", "200")).isEqualTo(1.0);
        } finally {
            PrometheusRegistry.defaultRegistry.clear();
        }
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
