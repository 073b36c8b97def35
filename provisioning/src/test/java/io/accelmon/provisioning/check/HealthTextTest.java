package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTextTest {

    @Test
    void rendersOneBlockPerServerLikeTheSeedScript() throws Exception {
        HealthReport r = HealthReportBuilder.build("http://p",
                HealthReportBuilderTest.data("check/targets.json").path("activeTargets"),
                HealthReportBuilderTest.nodeResults(), HealthReportBuilderTest.OK_SERVICES,
                List.of(new ExpectedServer("storage", "storage", "STS", "10.0.0.9")));

        String text = HealthText.render(r);

        assertThat(text).contains("[server] hub (CRS, 127.0.0.1, singapore) - reachable\n"
                + "  uptime:    15h 45m\n"
                + "  load:      1.61, 1.46, 0.88\n"
                + "  memory:    3.0 GiB / 7.4 GiB (41 %)\n");
        assertThat(text).contains("[server] inference (PIS, 127.0.0.1, singapore) - reachable, some exporters DOWN");
        assertThat(text).containsPattern("node-inference +127.0.0.1:9101 +DOWN  \\(Get .*connection refused\\)");
        assertThat(text).containsPattern("gpu-training +127.0.0.1:9835 +UP");
        assertThat(text).contains("[server] storage (STS, 10.0.0.9) - MISSING");
        assertThat(text).containsPattern("Prometheus +http://p +UP  \\(ready\\)");
        assertThat(text).contains("summary: 4 servers, 5/6 targets up, 1 missing -> SOMETHING DOWN");
    }

    @Test
    void formatsUptimeAndMemory() {
        assertThat(HealthText.uptime(3 * 86400 + 2 * 3600 + 60 * 5)).isEqualTo("3d 2h 5m");
        assertThat(HealthText.uptime(125)).isEqualTo("2m 5s");
        assertThat(HealthText.uptime(Double.NaN)).isEqualTo("unknown");
        assertThat(HealthText.memory(Double.NaN, Double.NaN)).isEqualTo("unknown");
        assertThat(HealthText.memory(1L << 30, 4L << 30)).isEqualTo("1.0 GiB / 4.0 GiB (25 %)");
    }

    @Test
    void jsonCarriesTheSameFactsWithNullForUnknown() throws Exception {
        HealthReport r = HealthReportBuilder.build("http://p",
                HealthReportBuilderTest.data("check/targets.json").path("activeTargets"),
                HealthReportBuilderTest.nodeResults(), HealthReportBuilderTest.OK_SERVICES, List.of());

        JsonNode json = new ObjectMapper().readTree(HealthJson.render(r));

        assertThat(json.path("status").asText()).isEqualTo("down");
        assertThat(json.path("targets_up").asInt()).isEqualTo(5);
        JsonNode hub = json.path("servers").get(0);
        assertThat(hub.path("name").asText()).isEqualTo("hub");
        assertThat(hub.path("load").get(1).asDouble()).isEqualTo(1.46);
        assertThat(hub.path("memory_total_bytes").asLong()).isEqualTo(7945689088L);
        JsonNode inference = json.path("servers").get(1);
        assertThat(inference.path("uptime_seconds").isNull()).isTrue();
        assertThat(inference.path("exporters")).anySatisfy(e -> {
            assertThat(e.path("job").asText()).isEqualTo("node-inference");
            assertThat(e.path("up").asBoolean()).isFalse();
        });
        assertThat(json.path("services").get(0).path("state").asText()).isEqualTo("up");
    }
}
