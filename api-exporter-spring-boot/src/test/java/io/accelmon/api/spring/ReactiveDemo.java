package io.accelmon.api.spring;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A small WebFlux application for the tests: an annotated controller (templated, failing, refusing, reading a body)
 * and router functions, one of them nested.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveDemo.Models.class)
class ReactiveDemo {

    /** Starts the demo on Netty on a random loopback port (servlet classes are on the test classpath too). */
    static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--server.port=0";
        all[1] = "--server.address=127.0.0.1";
        all[2] = "--spring.main.banner-mode=off";
        all[3] = "--logging.level.root=warn";
        System.arraycopy(args, 0, all, 4, args.length);
        return new SpringApplicationBuilder(ReactiveDemo.class).web(WebApplicationType.REACTIVE).run(all);
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @Bean
    RouterFunction<ServerResponse> jobRoutes() {
        return RouterFunctions.route()
                .GET("/v1/jobs/{id}", request -> ServerResponse.ok().bodyValue("job " + request.pathVariable("id")))
                .path("/v2", nested -> nested.GET("/jobs/{id}/logs",
                        request -> ServerResponse.ok().bodyValue("logs " + request.pathVariable("id"))))
                .build();
    }

    @RestController
    static class Models {

        @GetMapping("/v1/models/{id}")
        Mono<Map<String, String>> model(@PathVariable("id") String id) {
            if (id.equals("missing")) {
                return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such model"));
            }
            return Mono.just(Map.of("id", id));
        }

        @GetMapping("/v1/boom")
        Mono<String> boom() {
            throw new IllegalStateException("boom");
        }

        @GetMapping("/v1/late-boom")
        Mono<String> lateBoom() {
            return Mono.error(new IllegalArgumentException("late boom"));
        }

        @PostMapping("/v1/models/{id}/echo")
        Mono<String> echo(@PathVariable("id") String id, @RequestBody String body) {
            return Mono.just(body);
        }
    }
}
