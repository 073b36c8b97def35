package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.accelmon.node.source.SysfsDirs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * node_exporter's time collector: the system clock, the local time zone offset and the kernel's clock sources
 * (/sys/devices/system/clocksource).
 */
public final class TimeCollector implements SourceCollector {

    private final Path clocksources;

    public TimeCollector(ProcFiles files) {
        this.clocksources = files.sys().resolve("devices/system/clocksource");
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        String abbreviation = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(zone)
                .format(now);
        List<MetricSnapshot> out = new ArrayList<>(List.of(
                Families.gauge("node_time_seconds", "System time in seconds since epoch (1970).",
                        now.getEpochSecond() + now.getNano() / 1e9),
                Families.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.")
                        .add(zone.getRules().getOffset(now).getTotalSeconds(), "time_zone",
                                abbreviation)
                        .build()));
        out.addAll(clocksources(clocksources));
        return out;
    }

    /** {@code node_time_clocksource_{available,current}_info}; no clocksource directory, no series. */
    static List<MetricSnapshot> clocksources(Path dir) throws IOException {
        Families.Gauge available = Families.gauge("node_time_clocksource_available_info",
                "Available clocksources read from '/sys/devices/system/clocksource'.");
        Families.Gauge current = Families.gauge("node_time_clocksource_current_info",
                "Current clocksource read from '/sys/devices/system/clocksource'.");
        boolean any = false;
        for (Path d : SysfsDirs.numbered(dir, "clocksource")) {
            String device = SysfsDirs.suffix(d, "clocksource");
            String list = SysValue.text(d.resolve("available_clocksource"));
            if (list != null) {
                for (String c : list.split("\\s+")) {
                    if (!c.isEmpty()) {
                        available.add(1, "device", device, "clocksource", c);
                        any = true;
                    }
                }
            }
            String cur = SysValue.text(d.resolve("current_clocksource"));
            if (cur != null) {
                current.add(1, "device", device, "clocksource", cur);
                any = true;
            }
        }
        return any ? List.of(available.build(), current.build()) : List.of();
    }
}
