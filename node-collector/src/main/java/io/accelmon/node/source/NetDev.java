package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;

/** /proc/net/dev: per-interface receive and transmit counters. */
public final class NetDev {

    public record Interface(String device, long rxBytes, long rxPackets, long rxErrs, long rxDrop,
                            long txBytes, long txPackets, long txErrs, long txDrop) {
    }

    private NetDev() {
    }

    public static List<Interface> parse(String text) {
        List<Interface> interfaces = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String device = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 16) {
                continue;
            }
            interfaces.add(new Interface(device, Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Long.parseLong(f[11])));
        }
        return interfaces;
    }
}
