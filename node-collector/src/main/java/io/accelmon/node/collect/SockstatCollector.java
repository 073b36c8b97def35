package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.Kernel;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * node_exporter's sockstat collector: /proc/net/sockstat and sockstat6 as {@code node_sockstat_<PROTO>_<field>}
 * gauges, plus {@code _mem_bytes} (pages times the page size) where a protocol reports {@code mem}.
 */
public final class SockstatCollector implements SourceCollector {

    private static final List<String> FIELDS = List.of("inuse", "orphan", "tw", "alloc", "mem", "memory");

    private final Path sockstat;
    private final Path sockstat6;
    private final IntSupplier pageSize;

    public SockstatCollector(ProcFiles files) {
        this(files, Kernel::pageSize);
    }

    SockstatCollector(ProcFiles files, IntSupplier pageSize) {
        this.sockstat = files.proc("net/sockstat");
        this.sockstat6 = files.proc("net/sockstat6");
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return "sockstat";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<MetricSnapshot> out = new ArrayList<>();
        Optional<String> four = SourceFile.readIfPresent(sockstat);
        if (four.isPresent()) {
            parse(sockstat, four.get(), false, out);
        }
        Optional<String> six = SourceFile.readIfPresent(sockstat6);
        if (six.isPresent()) {
            parse(sockstat6, six.get(), true, out);
        }
        return out;
    }

    private void parse(Path file, String text, boolean ipv6, List<MetricSnapshot> out) throws IOException {
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String[] f = line.trim().split(" +");
            if (f.length < 3 || !f[0].endsWith(":") || f.length % 2 == 0) {
                if (line.isBlank()) {
                    continue;
                }
                throw new IOException(file + ":" + lineNo + ": expected 'PROTO: key value ...'");
            }
            String protocol = f[0].substring(0, f[0].length() - 1);
            if (protocol.equals("sockets")) {
                if (!ipv6 && f[1].equals("used")) {
                    out.add(Families.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.",
                            value(file, lineNo, f[2])));
                }
                continue;
            }
            Double mem = null;
            for (String field : FIELDS) {
                for (int i = 1; i + 1 < f.length; i += 2) {
                    if (f[i].equals(field)) {
                        double v = value(file, lineNo, f[i + 1]);
                        add(out, protocol, field, v);
                        if (field.equals("mem")) {
                            mem = v;
                        }
                    }
                }
            }
            if (mem != null) {
                add(out, protocol, "mem_bytes", mem * pageSize.getAsInt());
            }
        }
    }

    private static void add(List<MetricSnapshot> out, String protocol, String field, double v) {
        out.add(Families.gauge("node_sockstat_" + protocol + "_" + field,
                "Number of " + protocol + " sockets in state " + field + ".", v));
    }

    private static double value(Path file, int lineNo, String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": invalid value '" + s + "'");
        }
    }
}
