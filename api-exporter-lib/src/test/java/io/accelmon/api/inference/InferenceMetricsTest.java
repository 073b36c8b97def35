package io.accelmon.api.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.accelmon.api.ApiMetrics;
import io.accelmon.api.Exposition;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class InferenceMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ApiMetrics metrics = ApiMetrics.builder().registry(registry).build();
    private final ModelMetrics model = metrics.inference().model("deepseek-r1", "v1");
    private final String[] mv = {"model", "deepseek-r1", "version", "v1"};

    @Test
    void generationRecordsLatencyTokensAndTokenTimes() {
        // 1 s in all, first token after 200 ms, 101 output tokens -> 8 ms between tokens
        model.generated(1_000_000_000L, 200_000_000L, 42, 101);
        model.generated(3_000_000_000L, 500_000_000L, 8, 1);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_requests_total", with("status", "ok"))).isEqualTo(2.0);
        assertThat(e.value("inference_request_duration_seconds_sum", mv)).isEqualTo(4.0);
        assertThat(e.has("inference_request_duration_seconds", with("quantile", "0.95"))).isTrue();
        assertThat(e.value("inference_prompt_tokens_total", mv)).isEqualTo(50.0);
        assertThat(e.value("inference_completion_tokens_total", mv)).isEqualTo(102.0);
        assertThat(e.value("inference_time_to_first_token_seconds_sum", mv)).isCloseTo(0.7, offset(1e-9));
        // a single output token has no gap to time
        assertThat(e.value("inference_time_per_output_token_seconds_count", mv)).isEqualTo(1.0);
        assertThat(e.value("inference_time_per_output_token_seconds_sum", mv)).isCloseTo(0.008, offset(1e-9));
    }

    @Test
    void queueLengthAndWait() {
        model.queueEntered();
        model.queueEntered();
        model.queueEntered();
        model.queueLeft(250_000_000L);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_queue_length", "model", "deepseek-r1")).isEqualTo(2.0);
        assertThat(e.value("inference_queue_wait_seconds_sum", mv)).isEqualTo(0.25);
        assertThat(e.value("inference_queue_wait_seconds_count", mv)).isEqualTo(1.0);
        model.queueLength(17);
        assertThat(Exposition.of(registry).value("inference_queue_length", "model", "deepseek-r1")).isEqualTo(17.0);
    }

    @Test
    void batchSizes() {
        model.batch(4);
        model.batch(8);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_batch_size_sum", mv)).isEqualTo(12.0);
        assertThat(e.value("inference_batch_size_count", mv)).isEqualTo(2.0);
    }

    @Test
    void errorsByTypeAreCappedPerModel() {
        model.failed("timeout", 5_000_000_000L);
        model.failed("bad_request", 1_000_000L);
        for (int i = 0; i < ModelMetrics.MAX_ERROR_TYPES + 5; i++) {
            model.failed("type" + i, 1_000_000L);
        }
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_requests_total", with("status", "error")))
                .isEqualTo(ModelMetrics.MAX_ERROR_TYPES + 7.0);
        assertThat(e.value("inference_errors_total", with("type", "timeout"))).isEqualTo(1.0);
        assertThat(e.value("inference_errors_total", with("type", "other"))).isEqualTo(7.0);
        assertThat(e.seriesCount("inference_errors_total")).isEqualTo(ModelMetrics.MAX_ERROR_TYPES + 1);
    }

    @Test
    void timeNamesErrorsAfterTheException() throws Exception {
        assertThat(model.time(() -> 3)).isEqualTo(3);
        assertThatThrownBy(() -> model.time(() -> {
            throw new TimeoutException("gpu busy");
        })).isInstanceOf(TimeoutException.class);
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_requests_total", with("status", "ok"))).isEqualTo(1.0);
        assertThat(e.value("inference_errors_total", with("type", "TimeoutException"))).isEqualTo(1.0);
    }

    @Test
    void modelsAreKeptApartAndCapped() {
        metrics.inference().model("qwen", "2.5").succeeded(1_000_000L);
        assertThat(metrics.inference().model("qwen", "2.5")).isSameAs(metrics.inference().model("qwen", "2.5"));
        for (int i = 0; i < InferenceMetrics.MAX_MODELS + 3; i++) {
            metrics.inference().model("m" + i, "1").succeeded(1_000_000L);
        }
        Exposition e = Exposition.of(registry);
        assertThat(e.value("inference_requests_total", "model", "qwen", "version", "2.5", "status", "ok"))
                .isEqualTo(1.0);
        assertThat(e.value("inference_requests_total", "model", "other", "version", "other", "status", "ok"))
                .isEqualTo(5.0);
    }

    @Test
    void classicOnlyMakesInferenceDistributionsHistograms() {
        PrometheusRegistry r = new PrometheusRegistry();
        ModelMetrics m = ApiMetrics.builder().registry(r).classicOnly().build().inference().model("bert", "1");
        m.generated(1_500_000_000L, 100_000_000L, 10, 15);
        Exposition e = Exposition.of(r);
        assertThat(e.value("inference_request_duration_seconds_bucket", "model", "bert", "version", "1",
                "le", "2.0")).isEqualTo(1.0);
        assertThat(e.value("inference_time_to_first_token_seconds_bucket", "model", "bert", "version", "1",
                "le", "0.1")).isEqualTo(1.0);
    }

    private String[] with(String name, String value) {
        String[] all = java.util.Arrays.copyOf(mv, mv.length + 2);
        all[mv.length] = name;
        all[mv.length + 1] = value;
        return all;
    }
}
