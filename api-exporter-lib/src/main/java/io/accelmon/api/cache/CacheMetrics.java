package io.accelmon.api.cache;

import io.accelmon.api.BoundedLabel;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Cache lookups, {@code api_cache_requests_total{cache,result="hit|miss"}}; the hit ratio is
 * {@code sum(rate(..{result="hit"}[5m])) / sum(rate(..[5m]))}. Get one {@link CacheCounter} per cache and keep it.
 */
public final class CacheMetrics {

    /** Cap on distinct cache names; more share {@code cache="other"}. */
    public static final int MAX_CACHES = 50;

    private final BoundedLabel<CacheCounter> caches;

    public CacheMetrics(PrometheusRegistry registry) {
        Counter requests = Counter.builder().name("api_cache_requests_total")
                .help("Cache lookups by cache name and result (hit or miss).")
                .labelNames("cache", "result").withoutExemplars().register(registry);
        caches = new BoundedLabel<>(MAX_CACHES, name -> new CacheCounter(
                requests.labelValues(name, "hit"), requests.labelValues(name, "miss")));
    }

    public CacheCounter cache(String name) {
        return caches.get(name);
    }

    /** Hit and miss counters of one cache. */
    public static final class CacheCounter {
        private final CounterDataPoint hits;
        private final CounterDataPoint misses;

        CacheCounter(CounterDataPoint hits, CounterDataPoint misses) {
            this.hits = hits;
            this.misses = misses;
        }

        public void hit() {
            hits.inc();
        }

        public void miss() {
            misses.inc();
        }

        /** Counts a lookup: a hit when {@code found}. */
        public void lookup(boolean found) {
            (found ? hits : misses).inc();
        }
    }
}
