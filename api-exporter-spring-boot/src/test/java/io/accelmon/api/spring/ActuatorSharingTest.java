package io.accelmon.api.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Spring MVC app on Tomcat with actuator: one /actuator/prometheus serves Micrometer's and the api_* families. */
class ActuatorSharingTest {

    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(DemoControllers.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--management.endpoints.web.exposure.include=prometheus",
                "--spring.main.banner-mode=off", "--logging.level.root=warn");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void routeTemplatesStatusesAndMicrometersOwnFamiliesOnOneEndpoint() throws Exception {
        assertThat(Http.get(port, "/users/7").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/users/8").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/wp-login.php").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/boom").statusCode()).isEqualTo(500);
        assertThat(Http.get(port, "/async/1").body()).isEqualTo("later 1");

        String users = "api_requests_total{endpoint=\"/users/{id}\",method=\"GET\",status=\"200\"} 2.0";
        String async = "api_requests_total{endpoint=\"/async/{id}\",method=\"GET\",status=\"200\"} 1.0";
        String text = Http.awaitScrape(port, "/actuator/prometheus",
                body -> body.contains(users) && body.contains(async) && body.contains("status=\"500\""));
        assertThat(text).contains(users, async,
                "api_requests_total{endpoint=\"/boom\",method=\"GET\",status=\"500\"} 1.0",
                "api_requests_total{endpoint=\"other\",method=\"GET\",status=\"404\"} 1.0",
                "api_request_duration_seconds{endpoint=\"/users/{id}\",method=\"GET\",quantile=\"0.95\"}",
                "api_requests_in_flight{endpoint=\"/users/{id}\"} 0.0",
                "# TYPE http_server_requests_seconds summary",
                "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/users/{id}\"} 2");
        assertThat(text).doesNotContain("/users/7", "wp-login");
        // nothing left in flight (an error page dispatched after a 404 or 500 starts no count)
        assertThat(text).doesNotContainPattern("api_requests_in_flight\\{[^}]*\\} [1-9]");
        assertThat(app.getBeansOfType(io.accelmon.api.ApiMetrics.class)).hasSize(1);
    }
}
