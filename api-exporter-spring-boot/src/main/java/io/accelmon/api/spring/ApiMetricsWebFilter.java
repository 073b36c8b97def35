package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.BoundedLabel;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Observes every WebFlux request once it is answered, under the route pattern Spring matched
 * ({@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}, set for annotated controllers and router functions alike).
 * An error that escapes the handler is answered by WebFlux's exception handlers, outside every filter, so such a
 * request is observed when that answer is committed, with the status the handlers chose.
 */
public final class ApiMetricsWebFilter implements WebFilter, Ordered {

    // as the MVC filter: before every other filter (Spring Security's included), so their time counts
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final ApiMetrics metrics;

    public ApiMetricsWebFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestObservation observation = new RequestObservation(metrics);
        ObservedExchange observed = new ObservedExchange(exchange, observation);
        return chain.filter(observed)
                .doOnSuccess(done -> finish(observed, observation, false))
                .doOnError(error -> failed(observed, observation))
                // the client went away: observed with the status set so far (200 if none), not as a server error
                .doOnCancel(() -> finish(observed, observation, false));
    }

    private static void failed(ObservedExchange exchange, RequestObservation observation) {
        ServerHttpResponse response = exchange.getDelegate().getResponse();
        if (response.isCommitted()) {
            finish(exchange, observation, true);
        } else {
            response.beforeCommit(() -> Mono.fromRunnable(() -> finish(exchange, observation, false)));
        }
    }

    private static void finish(ObservedExchange exchange, RequestObservation observation, boolean failed) {
        HttpStatusCode code = exchange.getDelegate().getResponse().getStatusCode();
        int status = RequestObservation.status(failed, code == null ? 200 : code.value());
        String endpoint = RouteTemplate.of(exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
                status);
        observation.finish(exchange.getRequest().getMethod().name(), status,
                endpoint != null ? endpoint : BoundedLabel.OTHER,
                Math.max(exchange.getRequest().getHeaders().getContentLength(), 0), exchange.responseBytes());
    }
}
