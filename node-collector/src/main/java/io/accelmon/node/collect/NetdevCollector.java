package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.NetDev;
import io.accelmon.node.source.NetDev.Interface;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.regex.Pattern;

/** node_exporter's netdev collector: all 16 /proc/net/dev counters per interface. */
public final class NetdevCollector implements SourceCollector {

    private final ProcFiles files;
    private final Pattern exclude;

    /** @param exclude devices to leave out ({@code --collector.netdev.device-exclude}); null keeps all */
    public NetdevCollector(ProcFiles files, Pattern exclude) {
        this.files = files;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "netdev";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        List<Interface> all = NetDev.parse(ProcFiles.read(files.proc("net/dev")));
        return families(exclude == null ? all
                : all.stream().filter(i -> !exclude.matcher(i.device()).find()).toList());
    }

    static List<MetricSnapshot> families(List<Interface> interfaces) {
        List<Families.Counter> columns = new java.util.ArrayList<>();
        for (String c : NetDev.COLUMNS) {
            columns.add(counter(c));
        }
        for (Interface i : interfaces) {
            for (int k = 0; k < columns.size(); k++) {
                columns.get(k).add(i.counters()[k], "device", i.device());
            }
        }
        List<MetricSnapshot> out = new java.util.ArrayList<>();
        for (Families.Counter c : columns) {
            out.add(c.build());
        }
        return out;
    }

    private static Families.Counter counter(String stat) {
        return Families.counter("node_network_" + stat + "_total", "Network device statistic " + stat + ".");
    }
}
