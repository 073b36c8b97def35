package io.accelmon.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's fixed data: the models it serves (id to version) and its users (id to name). */
public final class DemoCatalog {

    public static final Map<String, String> MODELS;
    public static final Map<String, String> USERS = Map.of("1", "ada", "2", "grace", "3", "linus", "4", "barbara",
            "5", "dennis");

    static {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("deepseek-r1-distill", "1.0");
        models.put("qwen2.5-7b", "2.5");
        MODELS = java.util.Collections.unmodifiableMap(models);
    }

    private DemoCatalog() {
    }
}
