package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;

/** /proc/meminfo as node_exporter names it: {@code Active(anon)} becomes {@code Active_anon}, kB become bytes. */
public final class MemInfo {

    /** One line: the node_exporter metric name suffix, and the value (bytes when the line carried kB). */
    public record Entry(String name, double value, boolean bytes) {
        public String metricName() {
            return "node_memory_" + name + (bytes ? "_bytes" : "");
        }
    }

    private MemInfo() {
    }

    public static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            String key = line.substring(0, colon).replace("(", "_").replace(")", "");
            double value = Double.parseDouble(f[0]);
            boolean kb = f.length > 1 && f[1].equals("kB");
            entries.add(new Entry(key, kb ? value * 1024 : value, kb));
        }
        return entries;
    }
}
