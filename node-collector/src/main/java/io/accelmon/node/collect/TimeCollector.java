package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** node_exporter's time collector: the system clock and the local time zone offset. */
public final class TimeCollector implements SourceCollector {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public List<MetricSnapshot> collect() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        String abbreviation = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(zone)
                .format(now);
        return List.of(
                Families.gauge("node_time_seconds", "System time in seconds since epoch (1970).",
                        now.getEpochSecond() + now.getNano() / 1e9),
                Families.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.")
                        .add(zone.getRules().getOffset(now).getTotalSeconds(), "time_zone",
                                abbreviation)
                        .build());
    }
}
