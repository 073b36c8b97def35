package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.PromDuration;

/**
 * The {@code --collector.timeout} an exporter needs under a given Prometheus {@code scrape_timeout}.
 *
 * <p>The exporters wait up to {@code --collector.timeout} (5s by default) for a slow source. When that is longer than
 * the scrape timeout, Prometheus cuts the scrape first: the target reads {@code up == 0} (a false ServerDown for a node)
 * and every series of the target goes stale at once, so an alert on any of them resolves and fires again. Below the
 * scrape timeout, a slow source costs only its own families on that scrape and shows as
 * {@code *_collector_success == 0}, which is what the ExporterCollectionFailing alert watches.
 */
public final class CollectorTimeout {

    /** The exporters' own default. */
    static final long EXPORTER_DEFAULT_MS = 5_000;
    private static final long FLOOR_MS = 200;

    private CollectorTimeout() {
    }

    /** Three quarters of the scrape timeout (room for the response itself), at most the exporters' 5s default. */
    public static PromDuration below(PromDuration scrapeTimeout) {
        long ms = Math.min(EXPORTER_DEFAULT_MS, scrapeTimeout.millis() * 3 / 4);
        return new PromDuration(Math.max(FLOOR_MS, ms));
    }

    /** The exporter flag for {@link #below}, in milliseconds (e.g. {@code --collector.timeout=1500ms}). */
    public static String flag(PromDuration scrapeTimeout) {
        return "--collector.timeout=" + below(scrapeTimeout).millis() + "ms";
    }
}
