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
 * node_exporter's fibrechannel collector: per FC host adapter port (/sys/class/fc_host/hostN), an info series
 * (speed, port state and type, WWNs without their 0x) and the hexadecimal statistics counters.
 */
public final class FibrechannelCollector implements SourceCollector {

    /** statistics/ file to family, in node_exporter's naming. */
    private static final Map<String, String> COUNTERS = new LinkedHashMap<>();

    static {
        COUNTERS.put("dumped_frames", "dumped_frames");
        COUNTERS.put("error_frames", "error_frames");
        COUNTERS.put("invalid_crc_count", "invalid_crc");
        COUNTERS.put("rx_frames", "rx_frames");
        COUNTERS.put("rx_words", "rx_words");
        COUNTERS.put("tx_frames", "tx_frames");
        COUNTERS.put("tx_words", "tx_words");
        COUNTERS.put("seconds_since_last_reset", "seconds_since_last_reset");
        COUNTERS.put("invalid_tx_word_count", "invalid_tx_words");
        COUNTERS.put("link_failure_count", "link_failure");
        COUNTERS.put("loss_of_sync_count", "loss_of_sync");
        COUNTERS.put("loss_of_signal_count", "loss_of_signal");
        COUNTERS.put("nos_count", "nos");
        COUNTERS.put("fcp_packet_aborts", "fcp_packet_aborts");
    }

    private final Path fcHost;

    public FibrechannelCollector(ProcFiles files) {
        this.fcHost = files.sys().resolve("class/fc_host");
    }

    @Override
    public String name() {
        return "fibrechannel";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> hosts = SysfsDirs.entries(fcHost);
        if (hosts.isEmpty()) {
            return List.of();
        }
        Families.Gauge info = Families.gauge("node_fibrechannel_info", "Non-numeric data from "
                + "/sys/class/fc_host/<host>, value is always 1.");
        Map<String, Families.Counter> counters = new LinkedHashMap<>();
        for (Path h : hosts) {
            String host = h.getFileName().toString();
            info.add(1, "fc_host", host, "speed", attr(h, "speed"), "port_state", attr(h, "port_state"),
                    "port_type", attr(h, "port_type"), "symbolic_name", attr(h, "symbolic_name"),
                    "port_id", hex(attr(h, "port_id")), "port_name", hex(attr(h, "port_name")),
                    "fabric_name", hex(attr(h, "fabric_name")), "dev_loss_tmo", attr(h, "dev_loss_tmo"),
                    "supported_classes", attr(h, "supported_classes"),
                    "supported_speeds", attr(h, "supported_speeds"));
            for (Map.Entry<String, String> e : COUNTERS.entrySet()) {
                Path file = h.resolve("statistics").resolve(e.getKey());
                String s = SysValue.text(file);
                if (s == null) {
                    continue;
                }
                double v;
                try {
                    v = Long.parseUnsignedLong(hex(s), 16);
                } catch (NumberFormatException ex) {
                    throw new IOException(file + ": not a hexadecimal counter: '" + s + "'");
                }
                counters.computeIfAbsent(e.getValue(), n -> Families.counter("node_fibrechannel_" + n + "_total",
                        "Fibre Channel statistic " + e.getKey())).add(v, "fc_host", host);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(info.build()));
        counters.values().forEach(c -> out.add(c.build()));
        return out;
    }

    private static String attr(Path host, String file) throws IOException {
        String s = SysValue.text(host.resolve(file));
        return s == null ? "" : s;
    }

    private static String hex(String s) {
        return s.startsWith("0x") ? s.substring(2) : s;
    }
}
