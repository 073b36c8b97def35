package io.accelmon.node.collect;

import io.accelmon.core.attribution.PasswdUsers;
import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.ProcStat;
import io.accelmon.node.users.ProcessSample;
import io.accelmon.node.users.ProcessTable;
import io.accelmon.node.users.UserCpuLedger;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The opt-in users collector (per-user accounting): CPU seconds, resident memory and process count per
 * user, from one pass over /proc per scrape. Users are resolved from the real uid through /etc/passwd.
 */
public final class UsersCollector implements SourceCollector {

    private final ProcessTable table;
    private final PasswdUsers passwd;
    private final UserCpuLedger ledger = new UserCpuLedger();

    public UsersCollector(ProcFiles files) {
        this.table = new ProcessTable(files);
        this.passwd = new PasswdUsers(files.etc("passwd"));
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public List<MetricSnapshot> collect() throws Exception {
        List<ProcessSample> processes = table.read();
        IntFunction<String> userOf = passwd::name;
        return families(ledger.update(processes, userOf), processes, userOf);
    }

    static List<MetricSnapshot> families(Map<String, Long> cpuTicks, List<ProcessSample> processes,
                                         IntFunction<String> userOf) {
        Map<String, long[]> live = new TreeMap<>();
        for (ProcessSample p : processes) {
            long[] v = live.computeIfAbsent(userOf.apply(p.uid()), k -> new long[2]);
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
}
