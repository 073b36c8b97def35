package io.accelmon.api.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts a request in {@code api_requests_in_flight} as soon as Spring MVC has matched its route pattern (the filter,
 * running before the dispatcher, cannot know it yet); {@link ApiMetricsFilter} takes it out when the request ends.
 */
final class InFlightInterceptor implements HandlerInterceptor {

    private static final String OBSERVATION = InFlightInterceptor.class.getName() + ".observation";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        RequestObservation observation = observation(request);
        if (observation != null) {
            observation.matched(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        }
        return true;
    }

    /** Hands the filter's observation of this request to the interceptor. */
    static void attach(HttpServletRequest request, RequestObservation observation) {
        request.setAttribute(OBSERVATION, observation);
    }

    private static RequestObservation observation(HttpServletRequest request) {
        return (RequestObservation) request.getAttribute(OBSERVATION);
    }
}
