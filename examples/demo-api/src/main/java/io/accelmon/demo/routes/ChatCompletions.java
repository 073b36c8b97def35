package io.accelmon.demo.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accelmon.api.cache.CacheMetrics;
import io.accelmon.api.inference.InferenceMetrics;
import io.accelmon.api.inference.ModelMetrics;
import io.accelmon.demo.DemoCatalog;
import io.accelmon.demo.http.DemoServer;
import io.accelmon.demo.http.Responses;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /v1/chat/completions}: a simulated LLM. Requests queue for a fixed number of workers, then "generate"
 * by sleeping a first-token delay and a per-token delay; a prompt seen recently is answered from a cache, faster.
 * Records every inference metric on the way.
 */
final class ChatCompletions implements HttpHandler {

    private static final String DEFAULT_MODEL = DemoCatalog.MODELS.keySet().iterator().next();

    private final Map<String, ModelMetrics> models = new LinkedHashMap<>();
    private final CacheMetrics.CacheCounter cache;
    private final PromptCache prompts = new PromptCache(256);
    private final DemoServer.Simulation simulation;
    private final Semaphore workers;

    ChatCompletions(InferenceMetrics inference, CacheMetrics.CacheCounter cache, DemoServer.Simulation simulation) {
        DemoCatalog.MODELS.forEach((id, version) -> models.put(id, inference.model(id, version)));
        this.cache = cache;
        this.simulation = simulation;
        this.workers = new Semaphore(simulation.workers(), true);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        JsonNode body;
        try {
            // read first: Jackson would close the exchange's stream
            body = Responses.JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("messages").isArray()) {
            models.get(DEFAULT_MODEL).failed("bad_request", System.nanoTime() - start);
            Responses.error(exchange, 400, "invalid_request_error",
                    "the body must be a JSON object with a messages array");
            return;
        }
        String modelId = body.path("model").asText(DEFAULT_MODEL);
        ModelMetrics model = models.get(modelId);
        if (model == null) {
            models.get(DEFAULT_MODEL).failed("model_not_found", System.nanoTime() - start);
            Responses.error(exchange, 404, "model_not_found", "no model " + modelId);
            return;
        }
        String prompt = promptOf(body);
        int maxTokens = Math.max(1, body.path("max_tokens").asInt(64));
        try {
            Map<String, Object> answer = complete(model, prompt, maxTokens, start);
            Responses.json(exchange, 200, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            model.failed("cancelled", System.nanoTime() - start);
            Responses.error(exchange, 503, "cancelled", "server is shutting down");
        }
    }

    private Map<String, Object> complete(ModelMetrics model, String prompt, int maxTokens, long start)
            throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long promptTokens = Math.max(1, prompt.length() / 4);
        boolean cached = prompts.seen(model.model() + '\n' + prompt);
        cache.lookup(cached);
        model.queueEntered();
        long queued = System.nanoTime();
        workers.acquire();
        try {
            model.queueLeft(System.nanoTime() - queued);
            model.batch(1 + random.nextInt(Math.min(8, simulation.workers() + 4)));
            long completionTokens = Math.min(maxTokens, 8 + random.nextInt(57));
            long totalMs = totalMillis(random, cached);
            long firstTokenMs = Math.max(1, totalMs / 4);
            Thread.sleep(firstTokenMs);
            long firstToken = System.nanoTime() - start;
            Thread.sleep(Math.max(0, totalMs - firstTokenMs));
            model.generated(System.nanoTime() - start, firstToken, promptTokens, completionTokens);
            return Map.of("object", "chat.completion", "model", model.model(),
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", "simulated answer"))),
                    "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                            "total_tokens", promptTokens + completionTokens));
        } finally {
            workers.release();
        }
    }

    private long totalMillis(ThreadLocalRandom random, boolean cached) {
        if (simulation.latencyMs() > 0) {
            // +-10% around the asked latency, never below it by more than that
            return Math.round(simulation.latencyMs() * (0.9 + 0.2 * random.nextDouble()));
        }
        return cached ? 5 + random.nextInt(10) : 20 + random.nextInt(100);
    }

    private static String promptOf(JsonNode body) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            sb.append(message.path("content").asText("")).append('\n');
        }
        return sb.toString();
    }
}
