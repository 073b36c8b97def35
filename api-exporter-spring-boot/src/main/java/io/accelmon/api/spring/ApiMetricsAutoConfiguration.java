package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * An {@link ApiMetrics} bean: on the {@link PrometheusRegistry} behind Micrometer's {@link PrometheusMeterRegistry}
 * when actuator has one (so {@code /actuator/prometheus} serves Micrometer's and the {@code api_*} families), else on
 * a registry of its own served at {@code accelmon.api.metrics-path} ({@code /metrics}) by a servlet (Spring MVC) or a
 * router function (WebFlux).
 */
@AutoConfiguration(afterName = ApiMetricsAutoConfiguration.MICROMETER_PROMETHEUS_AUTOCONFIGURATION)
@ConditionalOnProperty(prefix = "accelmon.api", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ApiMetricsProperties.class)
public class ApiMetricsAutoConfiguration {

    static final String MICROMETER_PROMETHEUS_AUTOCONFIGURATION =
            "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus."
                    + "PrometheusMetricsExportAutoConfiguration";
    private static final String PROMETHEUS_METER_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    /** Actuator with micrometer-registry-prometheus: share its registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = PROMETHEUS_METER_REGISTRY)
    @ConditionalOnBean(type = PROMETHEUS_METER_REGISTRY)
    static class OnMicrometersRegistry {

        @Bean
        @ConditionalOnMissingBean
        ApiMetrics apiMetrics(PrometheusMeterRegistry meters, ApiMetricsProperties properties) {
            return properties.builder().registry(meters.getPrometheusRegistry()).build();
        }
    }

    /** No Micrometer Prometheus registry: a registry of our own, served by us. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(type = PROMETHEUS_METER_REGISTRY)
    static class Standalone {

        @Bean
        @ConditionalOnMissingBean
        ApiMetrics apiMetrics(ApiMetricsProperties properties) {
            return properties.builder().registry(new PrometheusRegistry()).build();
        }

        /** Spring MVC (or any servlet application): a servlet. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        @ConditionalOnClass(name = "jakarta.servlet.http.HttpServlet")
        static class ServletEndpoint {

            @Bean
            @ConditionalOnMissingBean(name = "accelmonMetricsServlet")
            ServletRegistrationBean<MetricsServlet> accelmonMetricsServlet(ApiMetrics metrics,
                                                                          ApiMetricsProperties properties) {
                ServletRegistrationBean<MetricsServlet> registration = new ServletRegistrationBean<>(
                        new MetricsServlet(metrics.registry()), properties.getMetricsPath());
                registration.setName("accelmonMetricsServlet");
                return registration;
            }
        }

        /** WebFlux: a router function. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
        static class ReactiveEndpoint {

            @Bean
            @ConditionalOnMissingBean(name = "accelmonMetricsRoute")
            RouterFunction<ServerResponse> accelmonMetricsRoute(ApiMetrics metrics, ApiMetricsProperties properties) {
                return RouterFunctions.route(RequestPredicates.GET(properties.getMetricsPath()),
                        new MetricsHandler(metrics.registry()));
            }
        }
    }
}
