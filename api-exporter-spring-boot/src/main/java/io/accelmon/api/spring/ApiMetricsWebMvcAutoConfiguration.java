package io.accelmon.api.spring;

import io.accelmon.api.ApiMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the request filter and the in-flight interceptor for Spring MVC; route templates come from Spring. */
@AutoConfiguration(after = ApiMetricsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ApiMetrics.class)
public class ApiMetricsWebMvcAutoConfiguration {

    // right after Spring's own observation filter (HIGHEST_PRECEDENCE + 1), before everything else
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<ApiMetricsFilter> accelmonApiMetricsFilter(ApiMetrics metrics) {
        FilterRegistrationBean<ApiMetricsFilter> registration = new FilterRegistrationBean<>(new ApiMetricsFilter(metrics));
        registration.setName("accelmonApiMetricsFilter");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer accelmonApiInFlight() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new InFlightInterceptor());
            }
        };
    }
}
