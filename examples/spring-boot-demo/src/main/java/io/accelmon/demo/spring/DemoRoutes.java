package io.accelmon.demo.spring;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.inference.ModelMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The demo's routes: models, users 1-5, orders (every fifth fails with 500), a simulated chat model. */
@RestController
public class DemoRoutes {

    private final DemoProperties properties;
    private final ModelMetrics model;

    public DemoRoutes(DemoProperties properties, ApiMetrics metrics) {
        this.properties = properties;
        this.model = metrics.inference().model("qwen2.5-7b", "2.5");
    }

    @GetMapping("/v1/models")
    Map<String, Object> models() {
        return Map.of("object", "list", "data", List.of(Map.of("id", "qwen2.5-7b", "object", "model")));
    }

    @GetMapping("/users/{id}")
    Map<String, Object> user(@PathVariable("id") int id) {
        if (id < 1 || id > 5) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id);
        }
        return Map.of("id", id, "name", "user-" + id);
    }

    @GetMapping("/orders/{id}")
    Map<String, Object> order(@PathVariable("id") int id) {
        if (id % 5 == 0) {
            throw new IllegalStateException("order store unavailable"); // a failing backend: answered 500
        }
        return Map.of("id", id, "state", "shipped");
    }

    @PostMapping("/v1/chat/completions")
    Map<String, Object> chat(@RequestBody Map<String, Object> body) throws InterruptedException {
        long start = System.nanoTime();
        long totalMs = Math.round(properties.getChatLatencyMs() * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
        Thread.sleep(Math.max(1, totalMs / 4));
        long firstToken = System.nanoTime() - start;
        Thread.sleep(Math.max(0, totalMs - totalMs / 4));
        long promptTokens = Math.max(1, String.valueOf(body.get("messages")).length() / 4);
        model.generated(System.nanoTime() - start, firstToken, promptTokens, 32);
        return Map.of("object", "chat.completion", "model", "qwen2.5-7b",
                "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", 32));
    }
}
