package io.accelmon.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.spec.PromDuration;
import org.junit.jupiter.api.Test;

class CollectorTimeoutTest {

    @Test
    void staysBelowTheScrapeTimeout() {
        assertThat(CollectorTimeout.below(PromDuration.parse("2s")).millis()).isEqualTo(1500);
        assertThat(CollectorTimeout.below(PromDuration.parse("4s")).millis()).isEqualTo(3000);
        assertThat(CollectorTimeout.flag(PromDuration.parse("2s"))).isEqualTo("--collector.timeout=1500ms");
    }

    @Test
    void neverAboveTheExportersDefaultNorBelowTheFloor() {
        assertThat(CollectorTimeout.below(PromDuration.parse("10s")).millis()).isEqualTo(5000);
        assertThat(CollectorTimeout.below(PromDuration.parse("100ms")).millis()).isEqualTo(200);
    }
}
