package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /proc/cpuinfo as one key/value map per logical CPU ("processor" blocks, blank-line separated). */
public final class CpuInfo {

    private CpuInfo() {
    }

    public static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> cpus = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) {
                current = new LinkedHashMap<>();
                cpus.add(current);
            }
            if (current != null) {
                current.put(key, value);
            }
        }
        return cpus;
    }
}
