package io.accelmon.api.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.api.ApiMetrics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class PropertiesTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ApiMetricsAutoConfiguration.class, ApiMetricsWebMvcAutoConfiguration.class));

    @Test
    void disabledRegistersNothing() {
        runner.withPropertyValues("accelmon.api.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ApiMetrics.class);
            assertThat(ctx).doesNotHaveBean(FilterRegistrationBean.class);
        });
    }

    @Test
    void propertiesShapeTheMetrics() {
        runner.withPropertyValues("accelmon.api.max-endpoints=1", "accelmon.api.quantiles=0.9,0.999",
                "accelmon.api.request-sizes=false").run(ctx -> {
                    ApiMetrics metrics = ctx.getBean(ApiMetrics.class);
                    assertThat(metrics.maxEndpoints()).isEqualTo(1);
                    metrics.endpoint("/a").observe("GET", 200, 1_000_000, 10, 10);
                    assertThat(metrics.endpoint("/b").name()).isEqualTo("other");
                    String names = metrics.registry().scrape().stream()
                            .map(s -> s.getMetadata().getPrometheusName()).toList().toString();
                    assertThat(names).contains("api_request_duration_seconds").doesNotContain("size");
                    assertThat(ctx).hasSingleBean(FilterRegistrationBean.class);
                });
    }

    @Test
    void reactiveApplicationsGetTheWebFilterAndServletOnesTheServletFilter() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                ApiMetricsAutoConfiguration.class, ApiMetricsWebMvcAutoConfiguration.class,
                ApiMetricsWebFluxAutoConfiguration.class)).run(ctx -> {
                    assertThat(ctx).hasSingleBean(ApiMetricsWebFilter.class);
                    assertThat(ctx).hasBean("accelmonMetricsRoute");
                    assertThat(ctx).doesNotHaveBean(FilterRegistrationBean.class);
                    assertThat(ctx).doesNotHaveBean("accelmonMetricsServlet");
                });
        runner.withConfiguration(AutoConfigurations.of(ApiMetricsWebFluxAutoConfiguration.class)).run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ApiMetricsWebFilter.class);
            assertThat(ctx).doesNotHaveBean("accelmonMetricsRoute");
            assertThat(ctx).hasBean("accelmonMetricsServlet");
        });
        new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                ApiMetricsAutoConfiguration.class, ApiMetricsWebFluxAutoConfiguration.class))
                .withPropertyValues("accelmon.api.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ApiMetricsWebFilter.class));
    }

    @Test
    void configurationMetadataListsEveryProperty() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"accelmon.api.enabled\"", "\"accelmon.api.distribution\"",
                    "\"accelmon.api.quantiles\"", "\"accelmon.api.max-endpoints\"", "\"accelmon.api.request-sizes\"",
                    "\"accelmon.api.metrics-path\"");
        }
    }
}
