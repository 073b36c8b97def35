package io.accelmon.api.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Without Micrometer's Prometheus registry the starter serves its own /metrics. */
class StandaloneEndpointTest {

    @Test
    void servesItsOwnMetricsPathWhenActuatorHasNoPrometheusRegistry() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DemoControllers.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--management.prometheus.metrics.export.enabled=false",
                "--accelmon.api.distribution=histogram")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(Http.get(port, "/users/1").statusCode()).isEqualTo(200);
            String series = "api_requests_total{endpoint=\"/users/{id}\",method=\"GET\",status=\"200\"} 1.0";
            String text = Http.awaitScrape(port, "/metrics", body -> body.contains(series));
            assertThat(text).contains(series,
                    "api_request_duration_seconds_bucket{endpoint=\"/users/{id}\",method=\"GET\",le=\"2.0\"} 1");
            assertThat(text).doesNotContain("http_server_requests");
            assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        }
    }
}
