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

/** node_exporter's watchdog collector: each /sys/class/watchdog device's timers and identity. */
public final class WatchdogCollector implements SourceCollector {

    /** The numeric attributes, in node_exporter's order: file, family. */
    private static final Map<String, String> NUMBERS = new LinkedHashMap<>();

    static {
        NUMBERS.put("bootstatus", "node_watchdog_bootstatus");
        NUMBERS.put("fw_version", "node_watchdog_fw_version");
        NUMBERS.put("nowayout", "node_watchdog_nowayout");
        NUMBERS.put("timeleft", "node_watchdog_timeleft_seconds");
        NUMBERS.put("timeout", "node_watchdog_timeout_seconds");
        NUMBERS.put("pretimeout", "node_watchdog_pretimeout_seconds");
        NUMBERS.put("access_cs0", "node_watchdog_access_cs0");
    }

    private static final List<String> INFO = List.of("options", "identity", "state", "status", "pretimeout_governor");

    private final Path dir;

    public WatchdogCollector(ProcFiles files) {
        this.dir = files.sys().resolve("class/watchdog");
    }

    @Override
    public String name() {
        return "watchdog";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> devices = SysfsDirs.entries(dir);
        if (devices.isEmpty()) {
            return List.of();
        }
        Map<String, Families.Gauge> numbers = new LinkedHashMap<>();
        Families.Gauge info = Families.gauge("node_watchdog_info", "Info of /sys/class/watchdog/<watchdog>");
        for (Path device : devices) {
            String name = device.getFileName().toString();
            for (Map.Entry<String, String> n : NUMBERS.entrySet()) {
                Path file = device.resolve(n.getKey());
                String text = SysValue.text(file);
                if (text != null) {
                    numbers.computeIfAbsent(n.getKey(), k -> Families.gauge(n.getValue(),
                                    "Value of /sys/class/watchdog/<watchdog>/" + k))
                            .add(GoInts.parse(file, text), "name", name);
                }
            }
            String[] labels = new String[2 + 2 * INFO.size()];
            labels[0] = "name";
            labels[1] = name;
            for (int i = 0; i < INFO.size(); i++) {
                String value = SysValue.text(device.resolve(INFO.get(i)));
                labels[2 + 2 * i] = INFO.get(i);
                labels[3 + 2 * i] = value == null ? "" : value;
            }
            info.add(1, labels);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        numbers.values().forEach(g -> out.add(g.build()));
        out.add(info.build());
        return out;
    }
}
