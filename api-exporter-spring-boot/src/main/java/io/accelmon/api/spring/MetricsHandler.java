package io.accelmon.api.spring;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Serves a registry from WebFlux, as {@link MetricsServlet} does from a servlet container. */
final class MetricsHandler implements HandlerFunction<ServerResponse> {

    private final MetricsText metrics;

    MetricsHandler(PrometheusRegistry registry) {
        this.metrics = new MetricsText(registry);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        ExpositionFormatWriter format = metrics.format(request.headers().firstHeader(HttpHeaders.ACCEPT));
        // a scrape calls every collector of the registry, which may block: off the event loop
        return Mono.fromCallable(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            metrics.write(out, format);
            return out.toByteArray();
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(body -> ServerResponse.ok()
                .header(HttpHeaders.CONTENT_TYPE, format.getContentType()).bodyValue(body));
    }
}
