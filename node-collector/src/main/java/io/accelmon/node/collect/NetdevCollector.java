package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.NetDev;
import io.accelmon.node.source.NetDev.Interface;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.regex.Pattern;

/** node_exporter's netdev collector (bytes, packets, errs, drop per direction) from /proc/net/dev. */
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
        Families.Counter rxBytes = counter("receive_bytes");
        Families.Counter rxPackets = counter("receive_packets");
        Families.Counter rxErrs = counter("receive_errs");
        Families.Counter rxDrop = counter("receive_drop");
        Families.Counter txBytes = counter("transmit_bytes");
        Families.Counter txPackets = counter("transmit_packets");
        Families.Counter txErrs = counter("transmit_errs");
        Families.Counter txDrop = counter("transmit_drop");
        for (Interface i : interfaces) {
            String d = i.device();
            rxBytes.add(i.rxBytes(), "device", d);
            rxPackets.add(i.rxPackets(), "device", d);
            rxErrs.add(i.rxErrs(), "device", d);
            rxDrop.add(i.rxDrop(), "device", d);
            txBytes.add(i.txBytes(), "device", d);
            txPackets.add(i.txPackets(), "device", d);
            txErrs.add(i.txErrs(), "device", d);
            txDrop.add(i.txDrop(), "device", d);
        }
        return List.of(rxBytes.build(), rxPackets.build(), rxErrs.build(), rxDrop.build(), txBytes.build(),
                txPackets.build(), txErrs.build(), txDrop.build());
    }

    private static Families.Counter counter(String stat) {
        return Families.counter("node_network_" + stat + "_total", "Network device statistic " + stat + ".");
    }
}
