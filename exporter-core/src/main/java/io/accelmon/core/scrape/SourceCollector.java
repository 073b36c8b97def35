package io.accelmon.core.scrape;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Set;

/**
 * One named collector behind a {@link ScrapeGuard}: reads its source and maps the result to metric families. It may
 * throw or block; the guard bounds the time it costs a scrape and turns failures into {@code *_collector_success 0}.
 */
public interface SourceCollector {

    /** The {@code collector} label value, e.g. {@code cpu}, {@code nvml}. */
    String name();

    List<MetricSnapshot> collect() throws Exception;

    /**
     * Called on every scrape with this collector's families and the family names the guard's other collectors
     * produced; returns what to serve. The guard serves a name only once (the first collector's), so a collector that
     * serves what users write (textfiles) overrides this to drop and report a clash. By default nothing changes.
     */
    default List<MetricSnapshot> yieldTo(Set<String> namesOfOthers, List<MetricSnapshot> own) {
        return own;
    }
}
