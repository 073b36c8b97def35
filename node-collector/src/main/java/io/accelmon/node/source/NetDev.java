package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** /proc/net/dev: the 16 per-interface counters (8 receive, 8 transmit). */
public final class NetDev {

    /** The column names node_exporter uses, in file order: {@code receive_bytes} … {@code transmit_compressed}. */
    public static final List<String> COLUMNS = List.of("receive_bytes", "receive_packets", "receive_errs",
            "receive_drop", "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
            "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop", "transmit_fifo", "transmit_colls",
            "transmit_carrier", "transmit_compressed");

    public record Interface(String device, long[] counters) {

        public Interface(String device, long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes,
                         long txPackets, long txErrs, long txDrop) {
            this(device, new long[] {rxBytes, rxPackets, rxErrs, rxDrop, 0, 0, 0, 0, txBytes, txPackets, txErrs,
                txDrop, 0, 0, 0, 0});
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Interface i && i.device.equals(device) && Arrays.equals(i.counters, counters);
        }

        @Override
        public int hashCode() {
            return device.hashCode() * 31 + Arrays.hashCode(counters);
        }

        @Override
        public String toString() {
            return device + Arrays.toString(counters);
        }
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
            long[] counters = new long[16];
            for (int i = 0; i < 16; i++) {
                counters[i] = Long.parseLong(f[i]);
            }
            interfaces.add(new Interface(device, counters));
        }
        return interfaces;
    }
}
