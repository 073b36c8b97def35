package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.Uname;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** node_exporter's uname collector: {@code node_uname_info} from uname(2). */
public final class UnameCollector implements SourceCollector {

    @Override
    public String name() {
        return "uname";
    }

    @Override
    public List<MetricSnapshot> collect() {
        Uname u = Uname.read();
        return List.of(Families.gauge("node_uname_info", "Labeled system information as provided by the uname system call.")
                .add(1, "sysname", u.sysname(), "release", u.release(), "version", u.version(),
                        "machine", u.machine(), "nodename", u.nodename(), "domainname", u.domainname())
                .build());
    }
}
