package io.accelmon.api.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** WebFlux without Micrometer's Prometheus registry: the starter serves its own /metrics from a router function. */
class WebFluxStandaloneEndpointTest {

    @Test
    void servesItsOwnMetricsPathWhenActuatorHasNoPrometheusRegistry() throws Exception {
        try (ConfigurableApplicationContext app = ReactiveDemo.start(
                "--management.prometheus.metrics.export.enabled=false", "--accelmon.api.distribution=histogram")) {
            int port = ReactiveDemo.port(app);
            assertThat(Http.get(port, "/v1/models/qwen").statusCode()).isEqualTo(200);
            assertThat(Http.get(port, "/v1/jobs/7").statusCode()).isEqualTo(200);
            String series = "api_requests_total{endpoint=\"/v1/jobs/{id}\",method=\"GET\",status=\"200\"} 1.0";
            HttpResponse<String> scrape = Http.get(port, "/metrics");
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
            String text = Http.awaitScrape(port, "/metrics", body -> body.contains(series));
            assertThat(text).contains(series,
                    "api_requests_total{endpoint=\"/v1/models/{id}\",method=\"GET\",status=\"200\"} 1.0",
                    "api_request_duration_seconds_bucket{endpoint=\"/v1/jobs/{id}\",method=\"GET\",le=\"2.0\"} 1",
                    // the scrape itself is a route of the application
                    "api_requests_total{endpoint=\"/metrics\",method=\"GET\",status=\"200\"}");
            assertThat(text).doesNotContain("http_server_requests");
            assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);

            HttpResponse<String> openMetrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(openMetrics.body()).endsWith("# EOF\n");
        }
    }
}
