package io.accelmon.api.spring;

import io.accelmon.api.BoundedLabel;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.springframework.web.servlet.HandlerMapping;

/** The {@code endpoint} label of a Spring MVC request: the route pattern Spring itself matched, never a raw path. */
final class RouteTemplate {

    private RouteTemplate() {
    }

    /** The matched pattern, or null when Spring matched none (or only a catch-all such as the static {@code /**}). */
    static String matched(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return null;
        }
        String p = pattern.toString();
        return p.endsWith("/**") ? null : p.isEmpty() ? "/" : p;
    }

    /**
     * The endpoint after the response: the matched pattern; a catch-all pattern unless it answered 404 (so scanners'
     * paths add no series); the servlet mapping of a servlet other than the dispatcher; else {@code other}.
     */
    static String of(HttpServletRequest request, int status) {
        String matched = matched(request);
        if (matched != null) {
            return matched;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            return status == 404 ? BoundedLabel.OTHER : pattern.toString();
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null || mapping.getMappingMatch() == MappingMatch.DEFAULT) {
            return BoundedLabel.OTHER;
        }
        return mapping.getMappingMatch() == MappingMatch.CONTEXT_ROOT ? "/" : mapping.getPattern();
    }
}
