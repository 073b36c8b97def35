package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.DispatcherHandler;

/** Registers the request filter for WebFlux; route templates come from Spring. */
@AutoConfiguration(after = ApiMetricsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnBean(ApiMetrics.class)
public class ApiMetricsWebFluxAutoConfiguration {

    @Bean
    ApiMetricsWebFilter accelmonApiMetricsWebFilter(ApiMetrics metrics) {
        return new ApiMetricsWebFilter(metrics);
    }
}
