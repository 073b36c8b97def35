package io.accelmon.provisioning.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSpecTest {

    private static final Instant NOW = Instant.parse("2026-02-05T12:00:00Z");

    @Test
    void acceptsRfc3339UnixDatesNowAndRelative() {
        assertThat(TimeSpec.parse("2026-02-01T08:00:00+08:00", NOW)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(TimeSpec.parse("2026-02-01T00:00:00.5Z", NOW)).isEqualTo(Instant.parse("2026-02-01T00:00:00.500Z"));
        assertThat(TimeSpec.parse("2026-02-01", NOW)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(TimeSpec.parse("1769904000", NOW)).isEqualTo(Instant.ofEpochSecond(1769904000));
        assertThat(TimeSpec.parse("1769904000.25", NOW)).isEqualTo(Instant.ofEpochMilli(1769904000250L));
        assertThat(TimeSpec.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeSpec.parse("-1h", NOW)).isEqualTo(Instant.parse("2026-02-05T11:00:00Z"));
        assertThat(TimeSpec.parse("now-1h30m", NOW)).isEqualTo(Instant.parse("2026-02-05T10:30:00Z"));
        assertThat(TimeSpec.parse("-2d", NOW)).isEqualTo(Instant.parse("2026-02-03T12:00:00Z"));
    }

    @Test
    void rejectsAnythingElseNamingTheValue() {
        for (String bad : new String[] {"yesterday", "-1x", "2026-13-01", "2026-02-01 10:00", "", "-"}) {
            assertThatThrownBy(() -> TimeSpec.parse(bad, NOW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.isEmpty() ? "empty" : "'" + bad + "'");
        }
    }
}
