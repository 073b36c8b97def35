package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.Fields;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
        // only the selected fields' values, in file order; a name seen twice keeps its place and its last value
        Map<String, String> selected = new LinkedHashMap<>();
        pairs(netstat, ProcFiles.read(netstat), selected);
        pairs(snmp, ProcFiles.read(snmp), selected);
        Optional<String> six = SourceFile.readIfPresent(snmp6); // absent without IPv6
        if (six.isPresent()) {
            snmp6(six.get(), selected);
        }
        List<MetricSnapshot> out = new ArrayList<>(selected.size());
        for (Map.Entry<String, String> e : selected.entrySet()) {
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

    /**
     * {@code Proto: Name1 Name2} followed by {@code Proto: v1 v2}: the selected fields' values. Which fields a
     * header line selects is worked out once per distinct header line (the kernel's never change).
     */
    private void pairs(Path file, String text, Map<String, String> into) throws IOException {
        int length = text.length();
        while (length > 0 && text.charAt(length - 1) == '\n') {
            length--; // like split("\n"): trailing empty lines are no lines
        }
        int lineNo = 1;
        for (int at = 0; at < length; lineNo += 2) {
            int headerEnd = Math.min(lineEnd(text, at), length);
            if (headerEnd >= length) {
                return; // a header without its value line
            }
            int valuesEnd = Math.min(lineEnd(text, headerEnd + 1), length);
            Header header = header(text.substring(at, headerEnd));
            List<String> values = Fields.split(text, headerEnd + 1, valuesEnd);
            if (header == null || values.size() != header.fields
                    || !values.get(0).equals(header.protocolColon)) {
                throw new IOException(file + ":" + lineNo + ": header and value lines do not match");
            }
            for (int k = 0; k < header.indexes.length; k++) {
                into.put(header.names[k], values.get(header.indexes[k]));
            }
            at = valuesEnd + 1;
        }
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** A header line's protocol, its number of fields, and the selected fields' positions and names. */
    private record Header(String protocolColon, int fields, int[] indexes, String[] names) {
    }

    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    /** The header, or null when it is not {@code Proto: names}. */
    private Header header(String line) {
        Header h = headers.get(line);
        if (h != null) {
            return h;
        }
        List<String> names = Fields.split(line, 0, line.length());
        if (names.isEmpty() || !names.get(0).endsWith(":")) {
            return null;
        }
        String protocol = names.get(0).substring(0, names.get(0).length() - 1);
        List<Integer> indexes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int k = 1; k < names.size(); k++) {
            String key = protocol + "_" + names.get(k);
            if (fields.matcher(key).find()) {
                indexes.add(k);
                keys.add(key);
            }
        }
        h = new Header(names.get(0), names.size(), indexes.stream().mapToInt(Integer::intValue).toArray(),
                keys.toArray(String[]::new));
        if (headers.size() < 64) {
            headers.put(line, h);
        }
        return h;
    }

    /** Selection of snmp6 names (its name column never changes), remembered per name. */
    private final Map<String, String> snmp6Keys = new ConcurrentHashMap<>();
    private static final String NOT_SELECTED = "";

    /** {@code Ip6InReceives 123}: the protocol ends at its '6'. */
    private void snmp6(String text, Map<String, String> into) {
        for (int at = 0; at < text.length(); ) {
            int end = lineEnd(text, at);
            List<String> f = Fields.split(text, at, end);
            at = end + 1;
            if (f.size() != 2) {
                continue;
            }
            String key = snmp6Keys.get(f.get(0));
            if (key == null) {
                String name = f.get(0);
                int six = name.indexOf('6');
                key = six < 0 || six + 1 >= name.length() ? NOT_SELECTED
                        : name.substring(0, six + 1) + "_" + name.substring(six + 1);
                if (!key.isEmpty() && !fields.matcher(key).find()) {
                    key = NOT_SELECTED;
                }
                if (snmp6Keys.size() < 1024) {
                    snmp6Keys.put(name, key);
                }
            }
            if (!key.isEmpty()) {
                into.put(key, f.get(1));
            }
        }
    }
}
