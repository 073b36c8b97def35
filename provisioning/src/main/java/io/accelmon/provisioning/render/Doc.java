package io.accelmon.provisioning.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds ordered maps for the YAML/JSON writers: {@code Doc.of("a", 1, "b", 2)}. */
final class Doc {

    private Doc() {
    }

    static Map<String, Object> of(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
