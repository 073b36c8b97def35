package io.accelmon.api.inference;

import io.accelmon.api.BoundedLabel;
import io.accelmon.api.Distributions;
import io.accelmon.api.LabeledDistribution;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/**
 * The inference / LLM serving metric families ({@code inference_*}, names fixed by docs/contracts.md); get one
 * {@link ModelMetrics} per model and version with {@link #model} and keep it.
 */
public final class InferenceMetrics {

    /** Cap on distinct (model, version) pairs; more share {@code model="other"}. */
    public static final int MAX_MODELS = 50;

    static final double[] DURATION_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30, 60, 120};
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    static final double[] TOKEN_LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    final Counter requests;
    final LabeledDistribution duration;
    final LabeledDistribution batchSize;
    final LabeledDistribution queueWait;
    final Gauge queueLength;
    final Counter promptTokens;
    final Counter completionTokens;
    final LabeledDistribution timeToFirstToken;
    final LabeledDistribution timePerOutputToken;
    final Counter errors;
    private final BoundedLabel<ModelMetrics> models;

    /** Registers the families; {@link io.accelmon.api.ApiMetrics#inference()} is the usual way in. */
    public InferenceMetrics(Distributions d) {
        String[] mv = {"model", "version"};
        requests = Counter.builder().name("inference_requests_total")
                .help("Inference requests finished, by model, version and status (ok or error).")
                .labelNames("model", "version", "status").withoutExemplars().register(d.registry());
        duration = d.withQuantiles("inference_request_duration_seconds",
                "Time to serve one inference request end to end, queue wait included, in seconds.",
                DURATION_BUCKETS, mv);
        batchSize = d.withQuantiles("inference_batch_size",
                "Number of requests in the batch that served an inference request.", BATCH_BUCKETS, mv);
        queueWait = d.withQuantiles("inference_queue_wait_seconds",
                "Time an inference request waited in the queue before a worker took it, in seconds.",
                DURATION_BUCKETS, mv);
        queueLength = Gauge.builder().name("inference_queue_length")
                .help("Inference requests waiting in the queue right now.")
                .labelNames("model").withoutExemplars().register(d.registry());
        promptTokens = Counter.builder().name("inference_prompt_tokens_total")
                .help("Prompt (input) tokens processed.").labelNames(mv).withoutExemplars().register(d.registry());
        completionTokens = Counter.builder().name("inference_completion_tokens_total")
                .help("Completion (output) tokens generated.").labelNames(mv).withoutExemplars()
                .register(d.registry());
        timeToFirstToken = d.withQuantiles("inference_time_to_first_token_seconds",
                "Time from receiving a request to emitting its first output token, in seconds.",
                DURATION_BUCKETS, mv);
        timePerOutputToken = d.withQuantiles("inference_time_per_output_token_seconds",
                "Mean time between output tokens after the first, in seconds.", TOKEN_LATENCY_BUCKETS, mv);
        errors = Counter.builder().name("inference_errors_total")
                .help("Failed inference requests by error type.")
                .labelNames("model", "version", "type").withoutExemplars().register(d.registry());
        models = new BoundedLabel<>(MAX_MODELS, this::newModel);
    }

    /** The metrics of one model version; keep the handle (lookups concatenate the two names). */
    public ModelMetrics model(String model, String version) {
        return models.get(model + '\u0000' + version);
    }

    private ModelMetrics newModel(String key) {
        int sep = key.indexOf('\u0000');
        if (sep < 0) {
            return new ModelMetrics(this, BoundedLabel.OTHER, BoundedLabel.OTHER);
        }
        return new ModelMetrics(this, key.substring(0, sep), key.substring(sep + 1));
    }
}
