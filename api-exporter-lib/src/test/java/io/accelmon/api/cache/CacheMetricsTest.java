package io.accelmon.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.Exposition;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {

    @Test
    void countsHitsAndMissesPerCache() {
        PrometheusRegistry registry = new PrometheusRegistry();
        ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
        CacheMetrics.CacheCounter users = metrics.cache().cache("users");
        users.hit();
        users.hit();
        users.lookup(true);
        users.lookup(false);
        metrics.cache().cache("prompts").miss();
        assertThat(metrics.cache()).isSameAs(metrics.cache());

        Exposition e = Exposition.of(registry);
        assertThat(e.value("api_cache_requests_total", "cache", "users", "result", "hit")).isEqualTo(3.0);
        assertThat(e.value("api_cache_requests_total", "cache", "users", "result", "miss")).isEqualTo(1.0);
        assertThat(e.value("api_cache_requests_total", "cache", "prompts", "result", "miss")).isEqualTo(1.0);
    }
}
