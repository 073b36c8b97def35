package io.accelmon.api.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.api.ApiMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real WebFlux app on Netty with actuator: route patterns from annotated controllers and router functions, errors
 * with the status WebFlux answered, and one /actuator/prometheus with Micrometer's and the api_* families.
 */
class WebFluxActuatorSharingTest {

    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() {
        app = ReactiveDemo.start("--management.endpoints.web.exposure.include=prometheus");
        port = ReactiveDemo.port(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void routeTemplatesStatusesAndMicrometersOwnFamiliesOnOneEndpoint() throws Exception {
        assertThat(Http.get(port, "/v1/models/qwen").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/v1/models/llama").body()).isEqualTo("{\"id\":\"llama\"}");
        assertThat(Http.get(port, "/v1/models/missing").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/v1/jobs/42").body()).isEqualTo("job 42");
        assertThat(Http.get(port, "/v2/jobs/42/logs").body()).isEqualTo("logs 42");
        assertThat(Http.get(port, "/wp-login.php").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/v1/boom").statusCode()).isEqualTo(500);
        assertThat(Http.get(port, "/v1/late-boom").statusCode()).isEqualTo(500);
        HttpResponse<String> echo = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/qwen/echo"))
                        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("0123456789"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echo.body()).isEqualTo("0123456789");

        String models = "api_requests_total{endpoint=\"/v1/models/{id}\",method=\"GET\",status=\"200\"} 2.0";
        String text = Http.awaitScrape(port, "/actuator/prometheus", body -> body.contains(models)
                && body.contains("endpoint=\"/v1/late-boom\"") && body.contains("api_request_size_bytes_sum{"
                        + "endpoint=\"/v1/models/{id}/echo\""));
        assertThat(text).contains(models,
                "api_requests_total{endpoint=\"/v1/models/{id}\",method=\"GET\",status=\"404\"} 1.0",
                "api_requests_total{endpoint=\"/v1/jobs/{id}\",method=\"GET\",status=\"200\"} 1.0",
                "api_requests_total{endpoint=\"/v2/jobs/{id}/logs\",method=\"GET\",status=\"200\"} 1.0",
                "api_requests_total{endpoint=\"other\",method=\"GET\",status=\"404\"} 1.0",
                "api_requests_total{endpoint=\"/v1/boom\",method=\"GET\",status=\"500\"} 1.0",
                "api_requests_total{endpoint=\"/v1/late-boom\",method=\"GET\",status=\"500\"} 1.0",
                "api_request_duration_seconds{endpoint=\"/v1/models/{id}\",method=\"GET\",quantile=\"0.95\"}",
                "api_request_size_bytes_sum{endpoint=\"/v1/models/{id}/echo\",method=\"POST\"} 10.0",
                "api_response_size_bytes_sum{endpoint=\"/v1/models/{id}/echo\",method=\"POST\"} 10.0",
                "api_requests_in_flight{endpoint=\"/v1/models/{id}\"} 0.0",
                "api_requests_in_flight{endpoint=\"/v2/jobs/{id}/logs\"} 0.0",
                "# TYPE http_server_requests_seconds summary",
                "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/v1/models/{id}\"} 2");
        assertThat(text).doesNotContain("qwen", "llama", "missing", "/v1/jobs/42", "wp-login");
        // nothing left in flight but this scrape
        assertThat(text).contains("api_requests_in_flight{endpoint=\"/actuator/prometheus\"} 1.0")
                .doesNotContainPattern("api_requests_in_flight\\{endpoint=\"/v[^}]*\\} [1-9]");
        assertThat(app.getBeansOfType(ApiMetrics.class)).hasSize(1);
        assertThat(app.getBeansOfType(ApiMetricsWebFilter.class)).hasSize(1);
        assertThat(Http.get(port, "/metrics").statusCode()).isEqualTo(404);
    }
}
