package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * node_exporter's netstat collector: the protocol counters of /proc/net/netstat, /proc/net/snmp (header/value line
 * pairs) and /proc/net/snmp6 (name value lines) that {@code --collector.netstat.fields} selects, as
 * {@code node_netstat_<Protocol>_<Field>}, untyped.
 */
public final class NetstatCollector implements SourceCollector {

    /** node_exporter's {@code --collector.netstat.fields} default. */
    public static final String DEFAULT_FIELDS = "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)"
            + "|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue"
            + "|TCPRcvQDrop)|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
            + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

    private final Path netstat;
    private final Path snmp;
    private final Path snmp6;
    private final Pattern fields;

    public NetstatCollector(ProcFiles files, Pattern fields) {
        this.netstat = files.proc("net/netstat");
        this.snmp = files.proc("net/snmp");
        this.snmp6 = files.proc("net/snmp6");
        this.fields = fields;
    }

    @Override
    public String name() {
        return "netstat";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Map<String, String> stats = new LinkedHashMap<>();
        pairs(netstat, ProcFiles.read(netstat), stats);
        pairs(snmp, ProcFiles.read(snmp), stats);
        Optional<String> six = SourceFile.readIfPresent(snmp6); // absent without IPv6
        if (six.isPresent()) {
            snmp6(six.get(), stats);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        for (Map.Entry<String, String> e : stats.entrySet()) {
            if (!fields.matcher(e.getKey()).find()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(e.getValue());
            } catch (NumberFormatException bad) {
                throw new IOException("netstat " + e.getKey() + ": invalid value '" + e.getValue() + "'");
            }
            int cut = e.getKey().indexOf('_');
            String statistic = e.getKey().substring(0, cut) + e.getKey().substring(cut + 1);
            out.add(Families.untyped("node_netstat_" + e.getKey(), "Statistic " + statistic + ".", value));
        }
        return out;
    }

    /** {@code Proto: Name1 Name2} followed by {@code Proto: v1 v2}. */
    static void pairs(Path file, String text, Map<String, String> into) throws IOException {
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split(" +");
            String[] values = lines[i + 1].trim().split(" +");
            if (names.length != values.length || !names[0].equals(values[0]) || !names[0].endsWith(":")) {
                throw new IOException(file + ":" + (i + 1) + ": header and value lines do not match");
            }
            String protocol = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                into.put(protocol + "_" + names[k], values[k]);
            }
        }
    }

    /** {@code Ip6InReceives 123}: the protocol ends at its '6'. */
    static void snmp6(String text, Map<String, String> into) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            int six = f[0].indexOf('6');
            if (six < 0 || six + 1 >= f[0].length()) {
                continue;
            }
            into.put(f[0].substring(0, six + 1) + "_" + f[0].substring(six + 1), f[1]);
        }
    }
}
