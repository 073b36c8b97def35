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
 * node_exporter's infiniband collector: per HCA port, link state, physical state, rate and the standard port
 * counters from /sys/class/infiniband/&lt;device&gt;/ports/&lt;n&gt;; {@code node_infiniband_info} per HCA. Data
 * counters count 4-byte words and are served in bytes. A counter the driver does not provide, or reports as
 * {@code N/A}, is left out.
 */
public final class InfinibandCollector implements SourceCollector {

    /** counters/ file, family suffix (after node_infiniband_, before _total), bytes multiplier. */
    private record Counter(String file, String family, double scale) {
    }

    private static final List<Counter> COUNTERS = List.of(
            new Counter("excessive_buffer_overrun_errors", "excessive_buffer_overrun_errors", 1),
            new Counter("link_downed", "link_downed", 1),
            new Counter("link_error_recovery", "link_error_recovery", 1),
            new Counter("local_link_integrity_errors", "local_link_integrity_errors", 1),
            new Counter("multicast_rcv_packets", "multicast_packets_received", 1),
            new Counter("multicast_xmit_packets", "multicast_packets_transmitted", 1),
            new Counter("port_rcv_constraint_errors", "port_constraint_errors_received", 1),
            new Counter("port_xmit_constraint_errors", "port_constraint_errors_transmitted", 1),
            new Counter("port_rcv_data", "port_data_received_bytes", 4),
            new Counter("port_xmit_data", "port_data_transmitted_bytes", 4),
            new Counter("port_rcv_discards", "port_discards_received", 1),
            new Counter("port_xmit_discards", "port_discards_transmitted", 1),
            new Counter("port_rcv_errors", "port_errors_received", 1),
            new Counter("port_rcv_packets", "port_packets_received", 1),
            new Counter("port_xmit_packets", "port_packets_transmitted", 1),
            new Counter("port_xmit_wait", "port_transmit_wait", 1),
            new Counter("port_rcv_remote_physical_errors", "port_receive_remote_physical_errors", 1),
            new Counter("port_rcv_switch_relay_errors", "port_receive_switch_relay_errors", 1),
            new Counter("symbol_error", "symbol_error", 1),
            new Counter("unicast_rcv_packets", "unicast_packets_received", 1),
            new Counter("unicast_xmit_packets", "unicast_packets_transmitted", 1),
            new Counter("VL15_dropped", "vl15_dropped", 1));

    private final Path classInfiniband;

    public InfinibandCollector(ProcFiles files) {
        this.classInfiniband = files.sys().resolve("class/infiniband");
    }

    @Override
    public String name() {
        return "infiniband";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> devices = SysfsDirs.entries(classInfiniband);
        if (devices.isEmpty()) {
            return List.of();
        }
        Families.Gauge info = Families.gauge("node_infiniband_info", "Non-numeric data from "
                + "/sys/class/infiniband/<device>, value is always 1.");
        Families.Gauge state = Families.gauge("node_infiniband_state_id", "State of the InfiniBand port "
                + "(0: no change, 1: down, 2: init, 3: armed, 4: active, 5: act defer)");
        Families.Gauge physState = Families.gauge("node_infiniband_physical_state_id", "Physical state of the "
                + "InfiniBand port (0: no change, 1: sleep, 2: polling, 3: disable, 4: shift, 5: link up, 6: link "
                + "error recover, 7: phytest)");
        Families.Gauge rate = Families.gauge("node_infiniband_rate_bytes_per_second", "Maximum signal transfer "
                + "rate");
        Map<String, Families.Counter> counters = new LinkedHashMap<>();
        for (Path dev : devices) {
            String device = dev.getFileName().toString();
            info.add(1, "device", device, "board_id", orEmpty(SysValue.text(dev.resolve("board_id"))),
                    "firmware_version", orEmpty(SysValue.text(dev.resolve("fw_ver"))),
                    "hca_type", orEmpty(SysValue.text(dev.resolve("hca_type"))));
            for (Path p : SysfsDirs.entries(dev.resolve("ports"))) {
                String port = p.getFileName().toString();
                String[] labels = {"device", device, "port", port};
                state.add(leadingNumber(p.resolve("state")), labels);
                physState.add(leadingNumber(p.resolve("phys_state")), labels);
                rate.add(rate(p.resolve("rate")), labels);
                for (Counter c : COUNTERS) {
                    String text = SysValue.text(p.resolve("counters").resolve(c.file()));
                    if (text == null || text.startsWith("N/A")) {
                        continue;
                    }
                    double v;
                    try {
                        v = Long.parseUnsignedLong(text) * c.scale();
                    } catch (NumberFormatException e) {
                        throw new IOException(p.resolve("counters").resolve(c.file()) + ": not a counter: '"
                                + text + "'");
                    }
                    counters.computeIfAbsent(c.family(), f -> Families.counter("node_infiniband_" + f + "_total",
                            "Infiniband counter " + c.file())).add(v, labels);
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(info.build(), state.build(), physState.build(),
                rate.build()));
        counters.values().forEach(c -> out.add(c.build()));
        return out;
    }

    /** {@code "4: ACTIVE"} gives 4. */
    private static double leadingNumber(Path file) throws IOException {
        String s = SysValue.text(file);
        int colon = s == null ? -1 : s.indexOf(':');
        try {
            return Long.parseLong(colon < 0 ? String.valueOf(s) : s.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": want '<id>: <NAME>', got '" + s + "'");
        }
    }

    /** {@code "200 Gb/sec (4X HDR)"} gives 25e9 bytes per second. */
    private static double rate(Path file) throws IOException {
        String s = SysValue.text(file);
        String[] f = s == null ? new String[0] : s.split("\\s+");
        try {
            return Double.parseDouble(f[0]) * 1e9 / 8;
        } catch (RuntimeException e) {
            throw new IOException(file + ": want '<n> Gb/sec', got '" + s + "'");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
