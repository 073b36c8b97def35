package io.accelmon.core.scrape;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * One named collector behind a {@link ScrapeGuard}: reads its source and maps the result to metric families. It may
 * throw or block; the guard bounds the time it costs a scrape and turns failures into {@code *_collector_success 0}.
 */
public interface SourceCollector {

    /** The {@code collector} label value, e.g. {@code cpu}, {@code nvml}. */
    String name();

    List<MetricSnapshot> collect() throws Exception;
}
