package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** node_exporter's nvme collector: one {@code node_nvme_info} per controller in /sys/class/nvme. */
public final class NvmeCollector implements SourceCollector {

    private final Path classNvme;

    public NvmeCollector(ProcFiles files) {
        this.classNvme = files.sys().resolve("class/nvme");
    }

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> controllers = SysfsDirs.entries(classNvme);
        if (controllers.isEmpty()) {
            return List.of();
        }
        Families.Gauge info = Families.gauge("node_nvme_info", "Non-numeric data from /sys/class/nvme/<device>, "
                + "value is always 1.");
        for (Path c : controllers) {
            info.add(1, "device", c.getFileName().toString(), "firmware_revision", attr(c, "firmware_rev"),
                    "model", attr(c, "model"), "serial", attr(c, "serial"), "state", attr(c, "state"));
        }
        return List.of(info.build());
    }

    private static String attr(Path controller, String file) throws IOException {
        String s = SysValue.text(controller.resolve(file));
        if (s == null) {
            throw new IOException(controller.resolve(file) + ": missing");
        }
        return s;
    }
}
