package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.accelmon.node.source.SysValue;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's bonding collector: per bond master, how many slaves it has and how many report MII status up
 * (/sys/class/net/bonding_masters, &lt;master&gt;/bonding/slaves, the slave's bonding_slave/mii_status).
 */
public final class BondingCollector implements SourceCollector {

    private final Path classNet;

    public BondingCollector(ProcFiles files) {
        this.classNet = files.sys().resolve("class/net");
    }

    @Override
    public String name() {
        return "bonding";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> masters = SourceFile.readIfPresent(classNet.resolve("bonding_masters"));
        if (masters.isEmpty() || masters.get().isBlank()) {
            return List.of();
        }
        Families.Gauge slaves = Families.gauge("node_bonding_slaves", "Number of configured slaves per bonding "
                + "interface.");
        Families.Gauge active = Families.gauge("node_bonding_active", "Number of active slaves per bonding "
                + "interface.");
        for (String master : masters.get().trim().split("\\s+")) {
            String list = SysValue.text(classNet.resolve(master).resolve("bonding/slaves"));
            if (list == null) {
                throw new IOException(classNet.resolve(master).resolve("bonding/slaves") + ": missing");
            }
            int total = 0;
            int up = 0;
            for (String slave : list.split("\\s+")) {
                if (slave.isEmpty()) {
                    continue;
                }
                total++;
                if ("up".equals(miiStatus(master, slave))) {
                    up++;
                }
            }
            slaves.add(total, "master", master);
            active.add(up, "master", master);
        }
        return List.of(active.build(), slaves.build());
    }

    /** The master's {@code lower_<slave>} link (current kernels), else the slave's own directory. */
    private String miiStatus(String master, String slave) throws IOException {
        String s = SysValue.text(classNet.resolve(master).resolve("lower_" + slave).resolve("bonding_slave/mii_status"));
        if (s == null) {
            s = SysValue.text(classNet.resolve(slave).resolve("bonding_slave/mii_status"));
        }
        return s;
    }
}
