package io.accelmon.api.spring;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A small Spring MVC application for the tests: templated, failing and async routes. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DemoControllers.Routes.class)
class DemoControllers {

    @RestController
    static class Routes {

        @GetMapping("/users/{id}")
        Map<String, String> user(@PathVariable("id") String id) {
            return Map.of("id", id);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("boom");
        }

        @GetMapping("/async/{id}")
        Callable<String> async(@PathVariable("id") String id) {
            return () -> "later " + id;
        }
    }
}
