package io.accelmon.api.spring;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;

/**
 * The timing and recording of one request, shared by the Spring MVC and the WebFlux filter: counted in
 * {@code api_requests_in_flight} once Spring has matched its route pattern, observed once when it is answered.
 */
final class RequestObservation {

    private final ApiMetrics metrics;
    private final long start = System.nanoTime();
    private ApiEndpoint inFlight;
    private boolean finished;

    RequestObservation(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    /** The status to record: an exception that escaped with no error status set yet counts as 500. */
    static int status(boolean failed, int responseStatus) {
        return failed && responseStatus < 400 ? 500 : responseStatus;
    }

    /**
     * Counts the request in flight under the pattern Spring matched; the first matched pattern wins, and nothing
     * after {@link #finish} (an error page dispatched after the answer must not start a second count).
     */
    void matched(Object pattern) {
        if (inFlight == null && !finished) {
            String template = RouteTemplate.matched(pattern);
            if (template != null) {
                inFlight = metrics.endpoint(template);
                inFlight.started();
            }
        }
    }

    /**
     * Observes the answered request once: under the endpoint it was counted in flight under, else under
     * {@code endpoint}.
     */
    void finish(String method, int status, String endpoint, long requestBytes, long responseBytes) {
        if (finished) {
            return;
        }
        finished = true;
        long duration = System.nanoTime() - start;
        if (inFlight != null) {
            inFlight.finished(method, status, duration, requestBytes, responseBytes);
        } else {
            metrics.endpoint(endpoint).observe(method, status, duration, requestBytes, responseBytes);
        }
    }
}
