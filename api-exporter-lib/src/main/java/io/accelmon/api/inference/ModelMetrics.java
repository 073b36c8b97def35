package io.accelmon.api.inference;

import io.accelmon.api.BoundedLabel;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.concurrent.Callable;

/** The inference metrics of one model version, with every data point cached. Thread-safe. */
public final class ModelMetrics {

    /** Cap on distinct error types per model version; more go to {@code type="other"}. */
    public static final int MAX_ERROR_TYPES = 20;

    private static final double NANOS_PER_SECOND = 1e9;

    private final String model;
    private final String version;
    private final CounterDataPoint ok;
    private final CounterDataPoint failed;
    private final DistributionDataPoint duration;
    private final DistributionDataPoint batchSize;
    private final DistributionDataPoint queueWait;
    private final GaugeDataPoint queueLength;
    private final CounterDataPoint promptTokens;
    private final CounterDataPoint completionTokens;
    private final DistributionDataPoint timeToFirstToken;
    private final DistributionDataPoint timePerOutputToken;
    private final BoundedLabel<CounterDataPoint> errors;

    ModelMetrics(InferenceMetrics f, String model, String version) {
        this.model = model;
        this.version = version;
        ok = f.requests.labelValues(model, version, "ok");
        failed = f.requests.labelValues(model, version, "error");
        duration = f.duration.labelValues(model, version);
        batchSize = f.batchSize.labelValues(model, version);
        queueWait = f.queueWait.labelValues(model, version);
        queueLength = f.queueLength.labelValues(model);
        promptTokens = f.promptTokens.labelValues(model, version);
        completionTokens = f.completionTokens.labelValues(model, version);
        timeToFirstToken = f.timeToFirstToken.labelValues(model, version);
        timePerOutputToken = f.timePerOutputToken.labelValues(model, version);
        errors = new BoundedLabel<>(MAX_ERROR_TYPES, type -> f.errors.labelValues(model, version, type));
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }

    /** A request finished well: {@code inference_requests_total{status="ok"}} and its latency. */
    public void succeeded(long durationNanos) {
        ok.inc();
        duration.observe(durationNanos / NANOS_PER_SECOND);
    }

    /** A request failed with {@code type} (e.g. {@code bad_request}, {@code timeout}, {@code oom}). */
    public void failed(String type, long durationNanos) {
        failed.inc();
        errors.get(type).inc();
        duration.observe(durationNanos / NANOS_PER_SECOND);
    }

    /**
     * A finished generation: success, latency, tokens, time to first token and time per output token (the mean gap
     * between output tokens after the first, as vLLM defines it).
     */
    public void generated(long durationNanos, long firstTokenNanos, long promptTokenCount, long completionTokenCount) {
        succeeded(durationNanos);
        tokens(promptTokenCount, completionTokenCount);
        timeToFirstToken(firstTokenNanos);
        if (completionTokenCount > 1) {
            timePerOutputToken((durationNanos - firstTokenNanos) / (completionTokenCount - 1));
        }
    }

    /** Size of the batch that served a request. */
    public void batch(int size) {
        batchSize.observe(size);
    }

    /** A request joined the queue ({@code inference_queue_length} + 1). */
    public void queueEntered() {
        queueLength.inc();
    }

    /** A request left the queue after waiting {@code waitNanos}. */
    public void queueLeft(long waitNanos) {
        queueLength.dec();
        queueWait.observe(waitNanos / NANOS_PER_SECOND);
    }

    /** For servers that know their queue length themselves. */
    public void queueLength(long length) {
        queueLength.set(length);
    }

    public void tokens(long promptTokenCount, long completionTokenCount) {
        if (promptTokenCount > 0) {
            promptTokens.inc(promptTokenCount);
        }
        if (completionTokenCount > 0) {
            completionTokens.inc(completionTokenCount);
        }
    }

    public void timeToFirstToken(long nanos) {
        timeToFirstToken.observe(nanos / NANOS_PER_SECOND);
    }

    public void timePerOutputToken(long nanos) {
        timePerOutputToken.observe(nanos / NANOS_PER_SECOND);
    }

    /** Runs {@code work} as one request: ok when it returns, an error of its exception's simple class name. */
    public <T> T time(Callable<T> work) throws Exception {
        long start = System.nanoTime();
        try {
            T result = work.call();
            succeeded(System.nanoTime() - start);
            return result;
        } catch (Exception | Error e) {
            failed(e.getClass().getSimpleName(), System.nanoTime() - start);
            throw e;
        }
    }
}
