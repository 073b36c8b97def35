package io.accelmon.demo.routes;

import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers the last prompts answered (least recently used out first), so repeats count as cache hits. */
final class PromptCache {

    private final Map<String, Boolean> recent;

    PromptCache(int capacity) {
        this.recent = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when {@code prompt} was seen before; remembers it either way. */
    synchronized boolean seen(String prompt) {
        return recent.put(prompt, Boolean.TRUE) != null;
    }
}
