package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * node_exporter's netclass collector: link state, carrier, speed and the other /sys/class/net/&lt;iface&gt; attributes
 * (InfiniBand and Ethernet links alike). An attribute the driver does not provide or refuses to read (speed of a
 * virtual device: EINVAL) is left out for that interface, as node_exporter does.
 */
public final class NetclassCollector implements SourceCollector {

    /** node_exporter's {@code --collector.netclass.ignored-devices} default. */
    public static final String DEFAULT_IGNORED = "^$";

    /** family suffix, sysfs file, counter or gauge, in node_exporter's order. */
    private record Attribute(String family, String file, boolean counter) {
    }

    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("address_assign_type", "addr_assign_type", false),
            new Attribute("carrier", "carrier", false),
            new Attribute("carrier_changes_total", "carrier_changes", true),
            new Attribute("carrier_up_changes_total", "carrier_up_count", true),
            new Attribute("carrier_down_changes_total", "carrier_down_count", true),
            new Attribute("device_id", "dev_id", false),
            new Attribute("dormant", "dormant", false),
            new Attribute("flags", "flags", false),
            new Attribute("iface_id", "ifindex", false),
            new Attribute("iface_link", "iflink", false),
            new Attribute("iface_link_mode", "link_mode", false),
            new Attribute("mtu_bytes", "mtu", false),
            new Attribute("name_assign_type", "name_assign_type", false),
            new Attribute("net_dev_group", "netdev_group", false),
            new Attribute("speed_bytes", "speed", false),
            new Attribute("transmit_queue_length", "tx_queue_len", false),
            new Attribute("protocol_type", "type", false));

    private final Path classNet;
    private final Pattern ignored;
    /** The interfaces of the last scrape: when they change, a renamed interface may sit behind a kept descriptor. */
    private volatile List<Path> lastDevices = List.of();

    public NetclassCollector(ProcFiles files, Pattern ignored) {
        this.classNet = files.sys().resolve("class/net");
        this.ignored = ignored;
    }

    @Override
    public String name() {
        return "netclass";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> devices = devices();
        if (devices.isEmpty()) {
            return List.of();
        }
        Families.Gauge up = Families.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.");
        Families.Gauge info = Families.gauge("node_network_info",
                "Non-numeric data from /sys/class/net/<iface>, value is always 1.");
        Map<Attribute, Object> families = new LinkedHashMap<>();
        for (Attribute a : ATTRIBUTES) {
            String name = "node_network_" + a.family();
            String help = "Network device property: " + a.family();
            families.put(a, a.counter() ? Families.counter(name, help) : Families.gauge(name, help));
        }
        Map<Attribute, Boolean> used = new LinkedHashMap<>();
        for (Path dev : devices) {
            String device = dev.getFileName().toString();
            String operstate = text(dev, "operstate");
            up.add("up".equals(operstate) ? 1 : 0, "device", device);
            info.add(1, "device", device, "address", orEmpty(text(dev, "address")), "broadcast",
                    orEmpty(text(dev, "broadcast")), "duplex", orEmpty(text(dev, "duplex")), "operstate",
                    orEmpty(operstate), "ifalias", orEmpty(text(dev, "ifalias")));
            for (Attribute a : ATTRIBUTES) {
                Long v = number(dev, a.file());
                if (v == null) {
                    continue;
                }
                double value = v;
                if (a.file().equals("speed")) {
                    value = v * 1000.0 * 1000.0 / 8; // Mbit/s to bytes/s
                }
                if (families.get(a) instanceof Families.Counter c) {
                    c.add(value, "device", device);
                } else {
                    ((Families.Gauge) families.get(a)).add(value, "device", device);
                }
                used.put(a, true);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(up.build(), info.build()));
        for (Map.Entry<Attribute, Object> e : families.entrySet()) {
            if (used.containsKey(e.getKey())) {
                out.add(e.getValue() instanceof Families.Counter c ? c.build() : ((Families.Gauge) e.getValue())
                        .build());
            }
        }
        return out;
    }

    private List<Path> devices() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : SysfsDirs.entries(classNet)) {
            // bonding_masters is a regular file next to the interface links
            if (p.toFile().isDirectory() && !ignored.matcher(p.getFileName().toString()).find()) {
                out.add(p);
            }
        }
        if (!out.equals(lastDevices)) {
            ProcFiles.reopenUnder(classNet);
            lastDevices = out;
        }
        return out;
    }

    /** The attribute's text, or null when absent or unreadable (EINVAL on a link that is down). */
    private static String text(Path dev, String file) {
        try {
            return ProcFiles.readAttribute(dev.resolve(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Decimal or 0x-hex (flags, dev_id); null when absent or not a number. */
    private static Long number(Path dev, String file) {
        String s = text(dev, file);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Long.decode(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
