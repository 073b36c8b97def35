package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's selinux collector. node_exporter asks go-selinux, which looks at the live /sys/fs/selinux,
 * /proc/thread-self/attr/current and /etc/selinux/config; here the same files are read under --path.sysfs,
 * --path.procfs and --path.rootfs. SELinux is enabled when selinuxfs is mounted and this process's label is not
 * {@code kernel}; the modes are 1 enforcing, 0 permissive, -1 disabled (or unreadable).
 */
public final class SelinuxCollector implements SourceCollector {

    private final Path selinuxfs;
    private final Path threadLabel;
    private final Path processLabel;
    private final Path config;

    public SelinuxCollector(ProcFiles files) {
        this.selinuxfs = files.sys().resolve("fs/selinux");
        this.threadLabel = files.proc("thread-self/attr/current");
        this.processLabel = files.proc("self/attr/current");
        this.config = files.etc("selinux/config");
    }

    @Override
    public String name() {
        return "selinux";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        if (!enabled()) {
            return List.of(Families.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 0));
        }
        return List.of(
                Families.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", 1),
                Families.gauge("node_selinux_config_mode", "Configured SELinux enforcement mode", configMode()),
                Families.gauge("node_selinux_current_mode", "Current SELinux enforcement mode", currentMode()));
    }

    private boolean enabled() throws IOException {
        if (!selinuxfs.resolve("enforce").toFile().isFile()) {
            return false; // selinuxfs not mounted
        }
        Optional<String> label = SourceFile.readIfPresent(threadLabel);
        if (label.isEmpty()) {
            label = SourceFile.readIfPresent(processLabel);
        }
        return !"kernel".equals(label.map(SelinuxCollector::withoutNul).orElse(""));
    }

    private int currentMode() {
        try {
            return Integer.parseInt(ProcFiles.read(selinuxfs.resolve("enforce")).trim());
        } catch (IOException | NumberFormatException unreadable) {
            return -1; // as go-selinux's EnforceMode
        }
    }

    private int configMode() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(config);
        if (text.isEmpty()) {
            return -1;
        }
        for (String raw : text.get().split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).equals("SELINUX")) {
                String value = line.substring(eq + 1).replaceAll("^\"+|\"+$", "");
                return switch (value) {
                    case "enforcing" -> 1;
                    case "permissive" -> 0;
                    default -> -1;
                };
            }
        }
        return -1;
    }

    private static String withoutNul(String label) {
        return label.endsWith("\0") ? label.substring(0, label.length() - 1) : label;
    }
}
