package io.accelmon.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {

    @Test
    void units() {
        assertThat(PromDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(PromDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(PromDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PromDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(PromDuration.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(PromDuration.parse("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(PromDuration.parse("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(PromDuration.parse("1h1m1s1ms")).isEqualTo(Duration.ofMillis(3_661_001));
        assertThat(PromDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(PromDuration.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void malformed() {
        for (String bad : new String[] {"abc", "5", "5 s", "-5s", "1.5s", "5sec", "s", "30s1m", "1m1m", "5s "}) {
            assertThatThrownBy(() -> PromDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.strip());
        }
        assertThatThrownBy(() -> PromDuration.parse("")).hasMessage("empty duration");
        assertThatThrownBy(() -> PromDuration.parse("99999999999999999999s")).hasMessageContaining("too large");
    }

    @Test
    void formatRoundTrips() {
        for (String text : new String[] {"250ms", "5s", "1m30s", "2h", "1d", "1d2h3m4s5ms"}) {
            assertThat(PromDuration.format(PromDuration.parse(text))).isEqualTo(text);
        }
        assertThat(PromDuration.format(Duration.ZERO)).isEqualTo("0s");
    }
}
