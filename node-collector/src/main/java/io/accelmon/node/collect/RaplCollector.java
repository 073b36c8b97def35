package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's rapl collector: energy counters of Intel RAPL zones (/sys/class/powercap/intel-rapl:*) as
 * {@code node_rapl_<zone>_joules_total{index,path}}; the zone name loses its {@code -N} suffix (package-0 →
 * package) and the index is the package number in the directory name.
 */
public final class RaplCollector implements SourceCollector {

    private final Path powercap;

    public RaplCollector(ProcFiles files) {
        this.powercap = files.sys().resolve("class/powercap");
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> zones = new ArrayList<>();
        for (Path p : SysfsDirs.entries(powercap)) {
            if (p.getFileName().toString().startsWith("intel-rapl:")) {
                zones.add(p);
            }
        }
        Map<String, Families.Counter> families = new LinkedHashMap<>();
        for (Path z : zones) {
            String name = SysValue.text(z.resolve("name"));
            Double microjoules = SysValue.number(z.resolve("energy_uj"));
            if (name == null || microjoules == null) {
                throw new IOException(z + ": no name or energy_uj");
            }
            String zone = name.replaceFirst("-\\d+$", "");
            String index = z.getFileName().toString().split(":")[1];
            families.computeIfAbsent(zone, n -> Families.counter("node_rapl_" + n + "_joules_total",
                            "Current RAPL " + n + " value in joules"))
                    .add(microjoules / 1_000_000.0, "index", index, "path", z.toString());
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(c -> out.add(c.build()));
        return out;
    }
}
