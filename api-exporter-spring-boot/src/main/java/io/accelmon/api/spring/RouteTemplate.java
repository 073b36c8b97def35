package io.accelmon.api.spring;

import io.accelmon.api.BoundedLabel;

/**
 * The {@code endpoint} label of a Spring request: the route pattern Spring itself matched (the value of
 * {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, a String in Spring MVC, a {@code PathPattern} in WebFlux),
 * never a raw path.
 */
final class RouteTemplate {

    private RouteTemplate() {
    }

    /** The matched pattern, or null when Spring matched none (or only a catch-all such as the static {@code /**}). */
    static String matched(Object pattern) {
        if (pattern == null) {
            return null;
        }
        String p = pattern.toString();
        return p.endsWith("/**") ? null : p.isEmpty() ? "/" : p;
    }

    /**
     * The endpoint after the response: the matched pattern; a catch-all pattern unless it answered 404 (so scanners'
     * paths add no series); null when Spring matched no pattern at all.
     */
    static String of(Object pattern, int status) {
        String matched = matched(pattern);
        if (matched != null || pattern == null) {
            return matched;
        }
        return status == 404 ? BoundedLabel.OTHER : pattern.toString();
    }
}
