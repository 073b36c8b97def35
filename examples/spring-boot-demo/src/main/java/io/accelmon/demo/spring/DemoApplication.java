package io.accelmon.demo.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small Spring Boot API service: its request metrics come from api-exporter-spring-boot alone (no code), served with
 * Micrometer's on {@code /actuator/prometheus}; the chat route also records inference metrics.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
