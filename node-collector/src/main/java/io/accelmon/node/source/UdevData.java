package io.accelmon.node.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** udev's database entry of a block device ({@code <udev data>/b<major>:<minor>}): its {@code E:} properties. */
public final class UdevData {

    private UdevData() {
    }

    /** The properties, empty when udev has no entry for the device. */
    public static Map<String, String> properties(Path dataDir, int major, int minor) {
        Map<String, String> props = new HashMap<>();
        Path entry = dataDir.resolve("b" + major + ":" + minor);
        if (!entry.toFile().exists()) {
            return props; // no udev (containers) or a device without an entry: checked without an exception
        }
        try {
            for (String line : ProcFiles.readUtf8(entry).split("\n")) {
                int eq = line.indexOf('=');
                if (line.startsWith("E:") && eq > 2) {
                    props.put(line.substring(2, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException absent) {
            // gone since, or unreadable: node_exporter reports empty labels too
        }
        return props;
    }
}
