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

/**
 * node_exporter's ipvs collector: the IP Virtual Server totals (/proc/net/ip_vs_stats, hexadecimal) and each real
 * server's connections and weight (/proc/net/ip_vs), summed over backends that share the chosen labels
 * ({@code --collector.ipvs.backend-labels}).
 */
public final class IpvsCollector implements SourceCollector {

    /** Every backend label, in node_exporter's order (the flag's default). */
    public static final List<String> ALL_LABELS =
            List.of("local_address", "local_port", "remote_address", "remote_port", "proto", "local_mark");

    public static final String DEFAULT_LABELS = "local_address,local_port,remote_address,remote_port,proto,local_mark";

    private static final String[][] TOTALS = {
            {"node_ipvs_connections_total", "The total number of connections made."},
            {"node_ipvs_incoming_packets_total", "The total number of incoming packets."},
            {"node_ipvs_outgoing_packets_total", "The total number of outgoing packets."},
            {"node_ipvs_incoming_bytes_total", "The total amount of incoming data."},
            {"node_ipvs_outgoing_bytes_total", "The total amount of outgoing data."}};

    private final Path stats;
    private final Path backends;
    private final List<String> labels;

    public IpvsCollector(ProcFiles files, List<String> labels) {
        this.stats = files.proc("net/ip_vs_stats");
        this.backends = files.proc("net/ip_vs");
        this.labels = labels;
    }

    /**
     * The flag's value as node_exporter orders it (the canonical order, duplicates and empty names dropped).
     *
     * @throws IllegalArgumentException naming the unknown labels
     */
    public static List<String> parseLabels(String flag) {
        java.util.Set<String> given = new java.util.TreeSet<>();
        for (String l : flag.split(",", -1)) {
            if (!l.isEmpty()) {
                given.add(l);
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : ALL_LABELS) {
            if (given.remove(l)) {
                out.add(l);
            }
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown IPVS backend labels: " + String.join(", ", given));
        }
        return out;
    }

    @Override
    public String name() {
        return "ipvs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> totals = SourceFile.readIfPresent(stats);
        if (totals.isEmpty()) {
            return List.of(); // no ip_vs module
        }
        long[] values = parseStats(totals.get());
        List<MetricSnapshot> out = new ArrayList<>();
        for (int i = 0; i < TOTALS.length; i++) {
            out.add(Families.counter(TOTALS[i][0], TOTALS[i][1], unsigned(values[i])));
        }
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (Backend b : parseBackends(ProcFiles.read(backends))) {
            List<String> key = new ArrayList<>();
            for (String l : labels) {
                key.add(b.label(l));
            }
            long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
            sum[0] += b.active;
            sum[1] += b.inactive;
            sum[2] += b.weight;
        }
        Families.Gauge active = Families.gauge("node_ipvs_backend_connections_active",
                "The current active connections by local and remote address.");
        Families.Gauge inactive = Families.gauge("node_ipvs_backend_connections_inactive",
                "The current inactive connections by local and remote address.");
        Families.Gauge weight = Families.gauge("node_ipvs_backend_weight",
                "The current backend weight by local and remote address.");
        for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
            String[] pairs = new String[2 * labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                pairs[2 * i] = labels.get(i);
                pairs[2 * i + 1] = e.getKey().get(i);
            }
            active.add(unsigned(e.getValue()[0]), pairs);
            inactive.add(unsigned(e.getValue()[1]), pairs);
            weight.add(unsigned(e.getValue()[2]), pairs);
        }
        if (!sums.isEmpty()) {
            out.add(active.build());
            out.add(inactive.build());
            out.add(weight.build());
        }
        return out;
    }

    private long[] parseStats(String text) throws IOException {
        String[] lines = text.split("\n", 4);
        if (lines.length != 4) {
            throw new IOException(stats + ": too short");
        }
        String[] f = lines[2].trim().split("\\s+");
        if (f.length != 5) {
            throw new IOException(stats + ":3: expected 5 fields, got " + f.length);
        }
        long[] v = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = Long.parseUnsignedLong(f[i], 16);
            } catch (NumberFormatException e) {
                throw new IOException(stats + ":3: field " + (i + 1) + " not hexadecimal: '" + f[i] + "'");
            }
        }
        return v;
    }

    private record Backend(String proto, String localAddress, int localPort, String localMark,
                           String remoteAddress, int remotePort, long weight, long active, long inactive) {
        String label(String name) {
            return switch (name) {
                case "local_address" -> localAddress;
                case "local_port" -> Integer.toString(localPort);
                case "remote_address" -> remoteAddress;
                case "remote_port" -> Integer.toString(remotePort);
                case "proto" -> proto;
                default -> localMark;
            };
        }
    }

    private List<Backend> parseBackends(String text) throws IOException {
        List<Backend> out = new ArrayList<>();
        String proto = "";
        String localMark = "";
        String localAddress = "";
        int localPort = 0;
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty() || f[0].equals("IP") || f[0].equals("Prot")
                    || (f.length > 1 && f[1].equals("RemoteAddress:Port"))) {
                continue;
            }
            switch (f[0]) {
                case "TCP", "UDP" -> {
                    if (f.length < 2) {
                        continue;
                    }
                    proto = f[0];
                    localMark = "";
                    Endpoint local = endpoint(f[1], n);
                    localAddress = local.address;
                    localPort = local.port;
                }
                case "FWM" -> {
                    if (f.length < 2) {
                        continue;
                    }
                    proto = f[0];
                    localMark = f[1];
                    localAddress = ""; // a firewall mark service has no address
                    localPort = 0;
                }
                case "->" -> {
                    if (f.length < 6) {
                        continue;
                    }
                    Endpoint remote = endpoint(f[1], n);
                    out.add(new Backend(proto, localAddress, localPort, localMark, remote.address, remote.port,
                            number(f[3], n), number(f[4], n), number(f[5], n)));
                }
                default -> {
                }
            }
        }
        return out;
    }

    private record Endpoint(String address, int port) {
    }

    /** {@code C0A80016:0CEA} (IPv4, hexadecimal) or {@code [2620:0000:…:0001]:0050} (IPv6), as Go prints it. */
    private Endpoint endpoint(String s, int line) throws IOException {
        try {
            String address;
            if (s.length() == 13) {
                long v = Long.parseLong(s.substring(0, 8), 16);
                address = ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
            } else if (s.length() == 46) {
                address = GoIp.v6(s.substring(1, 40));
            } else {
                throw new IOException(backends + ":" + line + ": unexpected IP:Port '" + s + "'");
            }
            return new Endpoint(address, Integer.parseInt(s.substring(s.length() - 4), 16));
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            throw new IOException(backends + ":" + line + ": unexpected IP:Port '" + s + "'");
        }
    }

    private long number(String s, int line) throws IOException {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(backends + ":" + line + ": not a number: '" + s + "'");
        }
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }
}
