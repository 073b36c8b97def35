package io.accelmon.node.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * node_exporter's {@code --collector.<name>} / {@code --no-collector.<name>} switches (the last one given wins). A
 * collector not named keeps its default (all on except users), or off with {@code --collector.disable-defaults}.
 * The {@code --no-} forms are explicit options: picocli's negatable options cannot negate names holding a dot.
 */
public class CollectorSwitches {

    /** Every collector in the order it runs. */
    public static final List<String> COLLECTORS = List.of("cpu", "loadavg", "meminfo", "filesystem", "diskstats", "netdev", "stat", "time", "uname", "os", "textfile", "users");

    /** Collectors off unless asked for. */
    public static final List<String> OFF_BY_DEFAULT = List.of("users");

    private final Map<String, Boolean> given = new HashMap<>();

    @Option(names = "--collector.disable-defaults",
            description = "Set all collectors to disabled by default; enable them one by one with --collector.<name>.")
    boolean disableDefaults;

    @Option(names = "--collector.cpu", description = "Enable the cpu collector (default: on).")
    void enableCpu(boolean on) {
        set("cpu", on);
    }

    @Option(names = "--no-collector.cpu", description = "Disable the cpu collector.")
    void disableCpu(boolean on) {
        if (on) {
            set("cpu", false);
        }
    }

    @Option(names = "--collector.loadavg", description = "Enable the loadavg collector (default: on).")
    void enableLoadavg(boolean on) {
        set("loadavg", on);
    }

    @Option(names = "--no-collector.loadavg", description = "Disable the loadavg collector.")
    void disableLoadavg(boolean on) {
        if (on) {
            set("loadavg", false);
        }
    }

    @Option(names = "--collector.meminfo", description = "Enable the meminfo collector (default: on).")
    void enableMeminfo(boolean on) {
        set("meminfo", on);
    }

    @Option(names = "--no-collector.meminfo", description = "Disable the meminfo collector.")
    void disableMeminfo(boolean on) {
        if (on) {
            set("meminfo", false);
        }
    }

    @Option(names = "--collector.filesystem", description = "Enable the filesystem collector (default: on).")
    void enableFilesystem(boolean on) {
        set("filesystem", on);
    }

    @Option(names = "--no-collector.filesystem", description = "Disable the filesystem collector.")
    void disableFilesystem(boolean on) {
        if (on) {
            set("filesystem", false);
        }
    }

    @Option(names = "--collector.diskstats", description = "Enable the diskstats collector (default: on).")
    void enableDiskstats(boolean on) {
        set("diskstats", on);
    }

    @Option(names = "--no-collector.diskstats", description = "Disable the diskstats collector.")
    void disableDiskstats(boolean on) {
        if (on) {
            set("diskstats", false);
        }
    }

    @Option(names = "--collector.netdev", description = "Enable the netdev collector (default: on).")
    void enableNetdev(boolean on) {
        set("netdev", on);
    }

    @Option(names = "--no-collector.netdev", description = "Disable the netdev collector.")
    void disableNetdev(boolean on) {
        if (on) {
            set("netdev", false);
        }
    }

    @Option(names = "--collector.stat", description = "Enable the stat collector: boot time, context switches, forks (default: on).")
    void enableStat(boolean on) {
        set("stat", on);
    }

    @Option(names = "--no-collector.stat", description = "Disable the stat collector.")
    void disableStat(boolean on) {
        if (on) {
            set("stat", false);
        }
    }

    @Option(names = "--collector.time", description = "Enable the time collector (default: on).")
    void enableTime(boolean on) {
        set("time", on);
    }

    @Option(names = "--no-collector.time", description = "Disable the time collector.")
    void disableTime(boolean on) {
        if (on) {
            set("time", false);
        }
    }

    @Option(names = "--collector.uname", description = "Enable the uname collector (default: on).")
    void enableUname(boolean on) {
        set("uname", on);
    }

    @Option(names = "--no-collector.uname", description = "Disable the uname collector.")
    void disableUname(boolean on) {
        if (on) {
            set("uname", false);
        }
    }

    @Option(names = "--collector.os", description = "Enable the os collector (default: on).")
    void enableOs(boolean on) {
        set("os", on);
    }

    @Option(names = "--no-collector.os", description = "Disable the os collector.")
    void disableOs(boolean on) {
        if (on) {
            set("os", false);
        }
    }

    @Option(names = "--collector.textfile", description = "Enable the textfile collector (default: on).")
    void enableTextfile(boolean on) {
        set("textfile", on);
    }

    @Option(names = "--no-collector.textfile", description = "Disable the textfile collector.")
    void disableTextfile(boolean on) {
        if (on) {
            set("textfile", false);
        }
    }

    @Option(names = "--collector.users", description = "Enable the users collector: CPU seconds, resident memory and processes per user (default: off).")
    void enableUsers(boolean on) {
        set("users", on);
    }

    @Option(names = "--no-collector.users", description = "Disable the users collector.")
    void disableUsers(boolean on) {
        if (on) {
            set("users", false);
        }
    }

    private void set(String collector, boolean on) {
        given.put(collector, on);
    }

    /** Collector name to enabled, in the order they run. */
    public Map<String, Boolean> enabled() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String c : COLLECTORS) {
            Boolean explicit = given.get(c);
            m.put(c, explicit != null ? explicit : !disableDefaults && !OFF_BY_DEFAULT.contains(c));
        }
        return m;
    }
}
