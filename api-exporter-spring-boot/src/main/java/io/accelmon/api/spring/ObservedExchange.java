package io.accelmon.api.spring;

import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The exchange the WebFlux filter hands down the chain. WebFlux has no interceptor that runs between matching a
 * route and calling its handler, but every handler mapping puts the matched pattern into the exchange's attributes:
 * this exchange sees that put and starts the in-flight count then. It also counts the response body's bytes.
 */
final class ObservedExchange extends ServerWebExchangeDecorator {

    private final Map<String, Object> attributes;
    private final CountingResponse response;

    ObservedExchange(ServerWebExchange exchange, RequestObservation observation) {
        super(exchange);
        this.attributes = new PatternWatch(exchange.getAttributes(), observation);
        this.response = new CountingResponse(exchange.getResponse());
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public ServerHttpResponse getResponse() {
        return response;
    }

    /** The response body bytes written so far. */
    long responseBytes() {
        return response.bytes;
    }

    /** The exchange's attribute map, telling the observation when Spring puts the matched pattern into it. */
    private static final class PatternWatch extends ForwardingMap {
        private final RequestObservation observation;

        PatternWatch(Map<String, Object> attributes, RequestObservation observation) {
            super(attributes);
            this.observation = observation;
        }

        @Override
        public Object put(String key, Object value) {
            if (HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE.equals(key)) {
                observation.matched(value);
            }
            return super.put(key, value);
        }
    }

    /** Counts the bytes of the body as they are written. */
    private static final class CountingResponse extends ServerHttpResponseDecorator {
        // written by one publisher at a time (Reactive Streams signals are serial), read after the exchange completed
        private long bytes;

        CountingResponse(ServerHttpResponse response) {
            super(response);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(Flux.from(body).doOnNext(this::count));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(Flux.from(body).map(chunk -> Flux.from(chunk).doOnNext(this::count)));
        }

        private void count(DataBuffer buffer) {
            bytes += buffer.readableByteCount();
        }
    }
}
