package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.ProcStat;
import io.accelmon.node.users.Passwd;
import io.accelmon.node.users.ProcessSample;
import io.accelmon.node.users.ProcessTable;
import io.accelmon.node.users.UserCpuLedger;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opt-in users collector (seed 003's per-user accounting): CPU seconds, resident memory and process count per
 * user, from one pass over /proc per scrape. Users are resolved from the real uid through /etc/passwd.
 */
public final class UsersCollector implements SourceCollector {

    private final ProcessTable table;
    private final Path passwdFile;
    private final UserCpuLedger ledger = new UserCpuLedger();
    private FileTime passwdMtime;
    private Map<Integer, String> passwd = Map.of();

    public UsersCollector(ProcFiles files) {
        this.table = new ProcessTable(files);
        this.passwdFile = files.etc("passwd");
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        Map<Integer, String> users = users();
        List<ProcessSample> processes = table.read();
        return families(ledger.update(processes, users), processes, users);
    }

    static List<MetricSnapshot> families(Map<String, Long> cpuTicks, List<ProcessSample> processes,
                                         Map<Integer, String> users) {
        Map<String, long[]> live = new TreeMap<>();
        for (ProcessSample p : processes) {
            long[] v = live.computeIfAbsent(UserCpuLedger.userName(users, p.uid()), k -> new long[2]);
            v[0] += p.residentBytes();
            v[1]++;
        }
        Families.Counter cpu = Families.counter("accelmon_user_cpu_seconds_total",
                "CPU time (user + system) used by the processes of each user, exited ones included.");
        new TreeMap<>(cpuTicks).forEach((user, ticks) -> cpu.add(ticks / ProcStat.TICKS_PER_SECOND, "user", user));
        Families.Gauge rss = Families.gauge("accelmon_user_resident_memory_bytes",
                "Resident memory of the running processes of each user.");
        Families.Gauge count = Families.gauge("accelmon_user_processes", "Running processes of each user.");
        live.forEach((user, v) -> {
            rss.add(v[0], "user", user);
            count.add(v[1], "user", user);
        });
        return List.of(cpu.build(), rss.build(), count.build());
    }

    /** /etc/passwd, re-read only when it changes. */
    private synchronized Map<Integer, String> users() {
        try {
            FileTime mtime = Files.getLastModifiedTime(passwdFile);
            if (!mtime.equals(passwdMtime)) {
                passwd = Passwd.parse(ProcFiles.readUtf8(passwdFile));
                passwdMtime = mtime;
            }
        } catch (java.io.IOException e) {
            // keep the names we had; unknown uids are reported as numbers
        }
        return passwd;
    }
}
