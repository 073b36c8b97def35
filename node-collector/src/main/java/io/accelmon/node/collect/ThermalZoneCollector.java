package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysfsDirs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's thermal_zone collector: zone temperatures (millidegrees in sysfs, °C in the metric) and cooling
 * device states from /sys/class/thermal. Reads that can block on a slow sensor run within the scrape guard's
 * deadline like every collector.
 */
public final class ThermalZoneCollector implements SourceCollector {

    private final Path thermal;

    public ThermalZoneCollector(ProcFiles files) {
        this.thermal = files.sys().resolve("class/thermal");
    }

    @Override
    public String name() {
        return "thermal_zone";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Families.Gauge temp = Families.gauge("node_thermal_zone_temp", "Zone temperature in Celsius");
        Families.Gauge cur = Families.gauge("node_cooling_device_cur_state",
                "Current throttle state of the cooling device");
        Families.Gauge max = Families.gauge("node_cooling_device_max_state",
                "Maximum throttle state of the cooling device");
        boolean zones = false;
        boolean devices = false;
        for (Path z : SysfsDirs.numbered(thermal, "thermal_zone")) {
            String type = ProcFiles.read(z.resolve("type")).trim();
            temp.add(SysfsDirs.readLong(z.resolve("temp")) / 1000.0, "zone", SysfsDirs.suffix(z, "thermal_zone"),
                    "type", type);
            zones = true;
        }
        for (Path d : SysfsDirs.numbered(thermal, "cooling_device")) {
            String type = ProcFiles.read(d.resolve("type")).trim();
            String name = SysfsDirs.suffix(d, "cooling_device");
            cur.add(SysfsDirs.readLong(d.resolve("cur_state")), "name", name, "type", type);
            max.add(SysfsDirs.readLong(d.resolve("max_state")), "name", name, "type", type);
            devices = true;
        }
        List<MetricSnapshot> out = new ArrayList<>();
        if (zones) {
            out.add(temp.build());
        }
        if (devices) {
            out.add(cur.build());
            out.add(max.build());
        }
        return out;
    }
}
