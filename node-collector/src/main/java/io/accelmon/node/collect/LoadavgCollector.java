package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.LoadAvg;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** node_exporter's loadavg collector: {@code node_load1}, {@code node_load5}, {@code node_load15}. */
public final class LoadavgCollector implements SourceCollector {

    private final ProcFiles files;

    public LoadavgCollector(ProcFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "loadavg";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        LoadAvg l = LoadAvg.parse(ProcFiles.read(files.proc("loadavg")));
        return List.of(Families.gauge("node_load1", "1m load average.", l.load1()),
                Families.gauge("node_load5", "5m load average.", l.load5()),
                Families.gauge("node_load15", "15m load average.", l.load15()));
    }
}
