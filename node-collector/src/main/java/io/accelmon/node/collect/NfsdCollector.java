package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * node_exporter's nfsd collector: NFS server reply cache, stale file handles, disk I/O, threads, read-ahead cache,
 * transport, RPC errors and requests per NFS version and procedure/operation from /proc/net/rpc/nfsd (present
 * once nfsd runs). A line the kernel does not print (ra, proc2 on current kernels) gives zeros, as in node_exporter.
 * Like node_exporter it serves the v2/v3 procedures without Null and the NFSv4.0 operations
 * ACCESS … RELEASE_LOCKOWNER (operation numbers 3–39) without PUTPUBFH and PUTROOTFH.
 */
public final class NfsdCollector implements SourceCollector {

    /** Operation names by NFSv4 operation number (the index on the {@code proc4ops} line). */
    private static final Map<Integer, String> V4_OPS = new HashMap<>();

    static {
        String[] names = {"Access", "Close", "Commit", "Create", "DelegPurge", "DelegReturn", "GetAttr", "GetFH",
            "Link", "Lock", "Lockt", "Locku", "Lookup", "LookupRoot", "Nverify", "Open", "OpenAttr", "OpenConfirm",
            "OpenDgrd", "PutFH", null, null, "Read", "ReadDir", "ReadLink", "Remove", "Rename", "Renew", "RestoreFH",
            "SaveFH", "SecInfo", "SetAttr", "Verify", "Write", "RelLockOwner"};
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                V4_OPS.put(i + 3, names[i]);
            }
        }
    }

    private final Path file;

    public NfsdCollector(ProcFiles files) {
        this.file = files.proc("net/rpc/nfsd");
    }

    @Override
    public String name() {
        return "nfsd";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        Map<String, double[]> lines = new HashMap<>();
        Map<String, Integer> lineNos = new HashMap<>();
        int lineNo = 0;
        for (String line : text.get().split("\n")) {
            lineNo++;
            String[] f = line.trim().split("\\s+");
            if (f[0].isEmpty()) {
                continue;
            }
            double[] v = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                try {
                    v[i - 1] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + lineNo + ": " + f[0] + ": not a number: '" + f[i] + "'");
                }
            }
            lines.put(f[0], v);
            lineNos.put(f[0], lineNo);
        }
        double[] rc = need(lines, lineNos, "rc", 3);
        double[] fh = need(lines, lineNos, "fh", 1);
        double[] io = need(lines, lineNos, "io", 2);
        double[] th = need(lines, lineNos, "th", 1);
        double[] ra = need(lines, lineNos, "ra", 12);
        double[] net = need(lines, lineNos, "net", 4);
        double[] rpc = need(lines, lineNos, "rpc", 5);
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(Families.counter("node_nfsd_reply_cache_hits_total", "Total number of NFSd Reply Cache hits "
                + "(client lost server response).", rc[0]));
        out.add(Families.counter("node_nfsd_reply_cache_misses_total", "Total number of NFSd Reply Cache an "
                + "operation that requires caching (idempotent).", rc[1]));
        out.add(Families.counter("node_nfsd_reply_cache_nocache_total", "Total number of NFSd Reply Cache "
                + "non-idempotent operations (rename/delete/…).", rc[2]));
        out.add(Families.counter("node_nfsd_file_handles_stale_total", "Total number of NFSd stale file handles",
                fh[0]));
        out.add(Families.counter("node_nfsd_disk_bytes_read_total", "Total NFSd bytes read.", io[0]));
        out.add(Families.counter("node_nfsd_disk_bytes_written_total", "Total NFSd bytes written.", io[1]));
        out.add(Families.gauge("node_nfsd_server_threads", "Total number of NFSd kernel threads that are running.",
                th[0]));
        out.add(Families.gauge("node_nfsd_read_ahead_cache_size_blocks", "How large the read ahead cache is in "
                + "blocks.", ra[0]));
        out.add(Families.counter("node_nfsd_read_ahead_cache_not_found_total", "Total number of NFSd read ahead "
                + "cache not found.", ra[11]));
        out.add(Families.counter("node_nfsd_packets_total", "Total NFSd network packets (sent+received) by "
                + "protocol type.").add(net[1], "proto", "udp").add(net[2], "proto", "tcp").build());
        out.add(Families.counter("node_nfsd_connections_total", "Total number of NFSd TCP connections.", net[3]));
        out.add(Families.counter("node_nfsd_rpc_errors_total", "Total number of NFSd RPC errors by error type.")
                .add(rpc[2], "error", "fmt").add(rpc[3], "error", "auth").add(rpc[4], "error", "cInt").build());
        out.add(Families.counter("node_nfsd_server_rpcs_total", "Total number of NFSd RPCs.", rpc[0]));
        Families.Counter requests = Families.counter("node_nfsd_requests_total",
                "Total number NFSd Requests by method and protocol.");
        procedures(requests, "2", NfsCollector.V2, lines.get("proc2"), lineNos.get("proc2"));
        procedures(requests, "3", NfsCollector.V3, lines.get("proc3"), lineNos.get("proc3"));
        double[] ops = lines.get("proc4ops");
        if (ops != null) {
            for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(V4_OPS).entrySet()) {
                int at = e.getKey() + 1; // after the count
                requests.add(at < ops.length ? ops[at] : 0, "proto", "4", "method", e.getValue());
            }
        }
        out.add(requests.build());
        return out;
    }

    /** The v2/v3 procedures after Null (a server does not count Null as a request). */
    private void procedures(Families.Counter requests, String version, List<String> names, double[] v,
                            Integer lineNo) throws IOException {
        if (v == null) {
            v = new double[names.size() + 1]; // no proc2 line on current kernels: zeros, like node_exporter
        }
        if (v.length - 1 < names.size()) {
            throw new IOException(file + ":" + lineNo + ": proc" + version + ": want " + names.size()
                    + " counters after their count");
        }
        for (int i = 1; i < names.size(); i++) {
            requests.add(v[i + 1], "proto", version, "method", names.get(i));
        }
    }

    private double[] need(Map<String, double[]> lines, Map<String, Integer> lineNos, String key, int count)
            throws IOException {
        double[] v = lines.get(key);
        if (v == null) {
            return new double[count]; // newer kernels dropped some lines (ra); node_exporter serves zeros then
        }
        if (v.length < count) {
            throw new IOException(file + ":" + lineNos.get(key) + ": " + key + ": want " + count + " numbers, got "
                    + v.length);
        }
        return v;
    }
}
