package io.accelmon.node.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * node_exporter's {@code --collector.<name>} / {@code --no-collector.<name>} switches. A switch left out keeps the
 * collector's default (all on except users), or off with {@code --collector.disable-defaults}.
 */
public class CollectorSwitches {

    @Option(names = "--collector.cpu", negatable = true, description = "Enable the cpu collector (default: on).")
    Boolean cpu;
    @Option(names = "--collector.loadavg", negatable = true, description = "Enable the loadavg collector (default: on).")
    Boolean loadavg;
    @Option(names = "--collector.meminfo", negatable = true, description = "Enable the meminfo collector (default: on).")
    Boolean meminfo;
    @Option(names = "--collector.filesystem", negatable = true,
            description = "Enable the filesystem collector (default: on).")
    Boolean filesystem;
    @Option(names = "--collector.diskstats", negatable = true,
            description = "Enable the diskstats collector (default: on).")
    Boolean diskstats;
    @Option(names = "--collector.netdev", negatable = true, description = "Enable the netdev collector (default: on).")
    Boolean netdev;
    @Option(names = "--collector.stat", negatable = true,
            description = "Enable the stat collector: boot time, context switches, forks (default: on).")
    Boolean stat;
    @Option(names = "--collector.time", negatable = true, description = "Enable the time collector (default: on).")
    Boolean time;
    @Option(names = "--collector.uname", negatable = true, description = "Enable the uname collector (default: on).")
    Boolean uname;
    @Option(names = "--collector.os", negatable = true, description = "Enable the os collector (default: on).")
    Boolean os;
    @Option(names = "--collector.textfile", negatable = true,
            description = "Enable the textfile collector (default: on).")
    Boolean textfile;
    @Option(names = "--collector.users", negatable = true,
            description = "Enable the users collector: CPU seconds, resident memory and processes per user "
                    + "(default: off).")
    Boolean users;

    @Option(names = "--collector.disable-defaults",
            description = "Set all collectors to disabled by default; enable them one by one with --collector.<name>.")
    boolean disableDefaults;

    /** Collector name to enabled, in the order they run. */
    public Map<String, Boolean> enabled() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("cpu", on(cpu, true));
        m.put("loadavg", on(loadavg, true));
        m.put("meminfo", on(meminfo, true));
        m.put("filesystem", on(filesystem, true));
        m.put("diskstats", on(diskstats, true));
        m.put("netdev", on(netdev, true));
        m.put("stat", on(stat, true));
        m.put("time", on(time, true));
        m.put("uname", on(uname, true));
        m.put("os", on(os, true));
        m.put("textfile", on(textfile, true));
        m.put("users", on(users, false));
        return m;
    }

    private boolean on(Boolean given, boolean defaultOn) {
        return given != null ? given : defaultOn && !disableDefaults;
    }
}
