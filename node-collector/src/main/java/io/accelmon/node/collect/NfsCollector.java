package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's nfs collector: NFS client transport and RPC counters and requests per NFS version and procedure
 * from /proc/net/rpc/nfs (present once the nfs module is loaded). A kernel that prints fewer NFSv4 procedures than
 * node_exporter knows gets zeros for the rest, as node_exporter does.
 */
public final class NfsCollector implements SourceCollector {

    /** Procedure names in the order the kernel prints them on each {@code procN} line. */
    static final List<String> V2 = List.of("Null", "GetAttr", "SetAttr", "Root", "Lookup", "ReadLink", "Read",
            "WrCache", "Write", "Create", "Remove", "Rename", "Link", "SymLink", "MkDir", "RmDir", "ReadDir", "FsStat");
    static final List<String> V3 = List.of("Null", "GetAttr", "SetAttr", "Lookup", "Access", "ReadLink", "Read",
            "Write", "Create", "MkDir", "SymLink", "MkNod", "Remove", "RmDir", "Rename", "Link", "ReadDir",
            "ReadDirPlus", "FsStat", "FsInfo", "PathConf", "Commit");
    static final List<String> V4 = List.of("Null", "Read", "Write", "Commit", "Open", "OpenConfirm", "OpenNoattr",
            "OpenDowngrade", "Close", "Setattr", "FsInfo", "Renew", "SetClientID", "SetClientIDConfirm", "Lock",
            "Lockt", "Locku", "Access", "Getattr", "Lookup", "LookupRoot", "Remove", "Rename", "Link", "Symlink",
            "Create", "Pathconf", "StatFs", "ReadLink", "ReadDir", "ServerCaps", "DelegReturn", "GetACL", "SetACL",
            "FsLocations", "ReleaseLockowner", "Secinfo", "FsidPresent", "ExchangeID", "CreateSession",
            "DestroySession", "Sequence", "GetLeaseTime", "ReclaimComplete", "LayoutGet", "GetDeviceInfo",
            "LayoutCommit", "LayoutReturn", "SecinfoNoName", "TestStateID", "FreeStateID", "GetDeviceList",
            "BindConnToSession", "DestroyClientID", "Seek", "Allocate", "DeAllocate", "LayoutStats", "Clone");

    private final Path file;

    public NfsCollector(ProcFiles files) {
        this.file = files.proc("net/rpc/nfs");
    }

    @Override
    public String name() {
        return "nfs";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        long[] net = null;
        long[] rpc = null;
        Families.Counter requests = Families.counter("node_nfs_requests_total",
                "Number of NFS procedures invoked.");
        boolean[] seen = {false};
        int lineNo = 0;
        for (String line : text.get().split("\n")) {
            lineNo++;
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "net" -> net = numbers(f, 4, lineNo);
                case "rpc" -> rpc = numbers(f, 3, lineNo);
                case "proc2" -> {
                    procedures(requests, "2", V2, numbers(f, 1, lineNo), false, lineNo);
                    seen[0] = true;
                }
                case "proc3" -> procedures(requests, "3", V3, numbers(f, 1, lineNo), false, lineNo);
                case "proc4" -> procedures(requests, "4", V4, numbers(f, 1, lineNo), true, lineNo);
                default -> {
                    // other lines (none today) are not served by node_exporter either
                }
            }
        }
        if (net == null || rpc == null) {
            throw new IOException(file + ": no 'net' or 'rpc' line");
        }
        if (!seen[0]) {
            procedures(requests, "2", V2, new long[] {0}, true, 0); // no proc2 line: zeros, like node_exporter
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(Families.counter("node_nfs_packets_total", "Total NFSd network packets (sent+received) by "
                + "protocol type.").add(net[1], "protocol", "udp").add(net[2], "protocol", "tcp").build());
        out.add(Families.counter("node_nfs_connections_total", "Total number of NFSd TCP connections.", net[3]));
        out.add(Families.counter("node_nfs_rpcs_total", "Total number of RPCs performed.", rpc[0]));
        out.add(Families.counter("node_nfs_rpc_retransmissions_total", "Number of RPC transmissions performed.",
                rpc[1]));
        out.add(Families.counter("node_nfs_rpc_authentication_refreshes_total", "Number of RPC authentication "
                + "refreshes performed.", rpc[2]));
        out.add(requests.build());
        return out;
    }

    /** {@code procN <count> <v0> …}: the count must match; {@code pad} lets an older kernel print fewer. */
    private void procedures(Families.Counter requests, String version, List<String> names, long[] v, boolean pad,
                            int lineNo) throws IOException {
        if (v.length == 0 || v[0] != v.length - 1 || (!pad && v.length - 1 < names.size())) {
            throw new IOException(file + ":" + lineNo + ": proc" + version + ": want " + names.size()
                    + " counters after their count");
        }
        for (int i = 0; i < names.size(); i++) {
            requests.add(i + 1 < v.length ? v[i + 1] : 0, "proto", version, "method", names.get(i));
        }
    }

    private long[] numbers(String[] f, int want, int lineNo) throws IOException {
        if (f.length - 1 < want) {
            throw new IOException(file + ":" + lineNo + ": " + f[0] + ": want " + want + " numbers");
        }
        long[] out = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            try {
                out[i - 1] = Long.parseLong(f[i]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": " + f[0] + ": not a number: '" + f[i] + "'");
            }
        }
        return out;
    }
}
