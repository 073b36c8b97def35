package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.BoundedLabel;
import io.accelmon.api.servlet.CountingResponse;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Observes every request once it is answered, under the route pattern Spring MVC matched
 * ({@link org.springframework.web.servlet.HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}); async requests when they
 * complete. {@link InFlightInterceptor} has already counted it in flight once the pattern was known; the timing and
 * recording are {@link RequestObservation}'s, shared with the WebFlux filter.
 */
public final class ApiMetricsFilter extends OncePerRequestFilter {

    private final ApiMetrics metrics;

    public ApiMetricsFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CountingResponse counting = new CountingResponse(response);
        RequestObservation observation = new RequestObservation(metrics);
        InFlightInterceptor.attach(request, observation);
        boolean threw = true;
        try {
            chain.doFilter(request, counting);
            threw = false;
        } finally {
            if (!threw && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(request, response, counting, observation));
            } else {
                finish(request, response, counting, observation, threw);
            }
        }
    }

    private static void finish(HttpServletRequest request, HttpServletResponse response, CountingResponse counting,
                               RequestObservation observation, boolean threw) {
        counting.flushWriter();
        int status = RequestObservation.status(threw, response.getStatus());
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String endpoint = RouteTemplate.of(pattern, status);
        observation.finish(request.getMethod(), status, endpoint != null ? endpoint : servletMapping(request),
                Math.max(request.getContentLengthLong(), 0), counting.count());
    }

    /** Outside Spring's dispatcher: the mapping of the servlet that answered, else {@code other}. */
    private static String servletMapping(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null || mapping.getMappingMatch() == MappingMatch.DEFAULT) {
            return BoundedLabel.OTHER;
        }
        return mapping.getMappingMatch() == MappingMatch.CONTEXT_ROOT ? "/" : mapping.getPattern();
    }

    /** Finishes an async request when the container completes it (after a timeout or error too). */
    private static final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final CountingResponse counting;
        private final RequestObservation observation;

        Completion(HttpServletRequest request, HttpServletResponse response, CountingResponse counting,
                   RequestObservation observation) {
            this.request = request;
            this.response = response;
            this.counting = counting;
            this.observation = observation;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish(request, response, counting, observation, false);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
