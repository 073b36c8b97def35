package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** node_exporter's udp_queues collector: bytes queued in all UDP sockets, from /proc/net/udp and udp6. */
public final class UdpQueuesCollector implements SourceCollector {

    private final ProcFiles files;

    public UdpQueuesCollector(ProcFiles files) {
        this.files = files;
    }

    @Override
    public String name() {
        return "udp_queues";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Families.Gauge queues = Families.gauge("node_udp_queues", "Number of allocated memory in the kernel for "
                + "UDP datagrams in bytes.");
        boolean any = false;
        for (String ip : List.of("v4", "v6")) {
            Path file = files.proc(ip.equals("v4") ? "net/udp" : "net/udp6");
            Optional<String> text = SourceFile.readIfPresent(file);
            if (text.isEmpty()) {
                continue;
            }
            long[] txRx = sum(file, text.get());
            queues.add(txRx[1], "queue", "rx", "ip", ip);
            queues.add(txRx[0], "queue", "tx", "ip", ip);
            any = true;
        }
        return any ? List.of(queues.build()) : List.of();
    }

    /** Sums the hexadecimal {@code tx_queue:rx_queue} column (the fifth) over every socket line. */
    static long[] sum(Path file, String text) throws IOException {
        long tx = 0;
        long rx = 0;
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].trim().split("\\s+");
            int colon = f.length > 4 ? f[4].indexOf(':') : -1;
            if (colon < 0) {
                throw new IOException(file + ":" + (i + 1) + ": no tx_queue:rx_queue column");
            }
            try {
                tx += Long.parseLong(f[4].substring(0, colon), 16);
                rx += Long.parseLong(f[4].substring(colon + 1), 16);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": tx_queue:rx_queue: not hexadecimal: '" + f[4] + "'");
            }
        }
        return new long[] {tx, rx};
    }
}
