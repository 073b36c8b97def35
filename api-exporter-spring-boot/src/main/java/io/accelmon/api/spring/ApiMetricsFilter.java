package io.accelmon.api.spring;

import io.accelmon.api.ApiEndpoint;
import io.accelmon.api.ApiMetrics;
import io.accelmon.api.servlet.CountingResponse;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Observes every request once it is answered, under the route pattern Spring MVC matched
 * ({@link org.springframework.web.servlet.HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}); async requests when they
 * complete. {@link InFlightInterceptor} has already counted it in flight once the pattern was known.
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
        long start = System.nanoTime();
        boolean threw = true;
        try {
            chain.doFilter(request, counting);
            threw = false;
        } finally {
            if (!threw && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(request, response, counting, start));
            } else {
                finish(request, response, counting, start, threw);
            }
        }
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, CountingResponse counting,
                        long start, boolean threw) {
        counting.flushWriter();
        int status = threw && response.getStatus() < 400 ? 500 : response.getStatus();
        long duration = System.nanoTime() - start;
        long requestBytes = Math.max(request.getContentLengthLong(), 0);
        ApiEndpoint started = InFlightInterceptor.started(request);
        if (started != null) {
            started.finished(request.getMethod(), status, duration, requestBytes, counting.count());
        } else {
            metrics.endpoint(RouteTemplate.of(request, status))
                    .observe(request.getMethod(), status, duration, requestBytes, counting.count());
        }
    }

    /** Finishes an async request when the container completes it (after a timeout or error too). */
    private final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final CountingResponse counting;
        private final long start;

        Completion(HttpServletRequest request, HttpServletResponse response, CountingResponse counting, long start) {
            this.request = request;
            this.response = response;
            this.counting = counting;
            this.start = start;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish(request, response, counting, start, false);
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
