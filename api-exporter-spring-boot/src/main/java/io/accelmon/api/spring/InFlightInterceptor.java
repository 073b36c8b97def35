package io.accelmon.api.spring;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Counts a request in {@code api_requests_in_flight} as soon as Spring MVC has matched its route pattern (the filter,
 * running before the dispatcher, cannot know it yet); {@link ApiMetricsFilter} takes it out when the request ends.
 */
final class InFlightInterceptor implements HandlerInterceptor {

    private static final String STARTED = InFlightInterceptor.class.getName() + ".endpoint";

    private final ApiMetrics metrics;

    InFlightInterceptor(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(STARTED) == null) {
            String pattern = RouteTemplate.matched(request);
            if (pattern != null) {
                ApiEndpoint endpoint = metrics.endpoint(pattern);
                endpoint.started();
                request.setAttribute(STARTED, endpoint);
            }
        }
        return true;
    }

    /** The endpoint this request was counted in flight under, or null. */
    static ApiEndpoint started(HttpServletRequest request) {
        return (ApiEndpoint) request.getAttribute(STARTED);
    }
}
