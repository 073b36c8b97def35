package io.accelmon.provisioning.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageFormatTest {

    static UsageReport priced() throws Exception {
        return new UsageReport(UsageCalculatorTest.FROM, UsageCalculatorTest.TO, UsageCalculatorTest.STEP,
                UsageCalculatorTest.rows(), Optional.of(PriceList.load(PriceListTest.fixture())));
    }

    @Test
    void csvIsOneBillableLinePerResource() throws Exception {
        String csv = UsageFormat.csv(priced());
        assertThat(csv.lines()).first().isEqualTo(
                "user,server,hostname,kind,resource,hours,peak_gpu_memory_bytes,price_per_minute,cost");
        assertThat(csv).contains("alice,training,TRS,gpu,NVIDIA H100 80GB HBM3,0.083333,6442450944,0.500000,2.500000\n");
        assertThat(csv).contains("alice,training,TRS,cpu,CPU_CORE,0.100000,,0.020000,0.120000\n");
        assertThat(csv.lines()).hasSize(7);
    }

    @Test
    void tableShowsHoursMemoryCostAndTotal() throws Exception {
        String table = UsageFormat.table(priced());
        assertThat(table).startsWith("usage 2026-02-01T10:00:00Z .. 2026-02-01T10:03:00Z (step 60s)\n");
        assertThat(table).containsPattern("alice +training +gpu +NVIDIA H100 80GB HBM3 +0.0833 +6144 MiB +2.50");
        assertThat(table).containsPattern("bob +training +cpu +CPU_CORE +0.0250 +0.03");
        assertThat(table).contains("TOTAL 3.66 CNY");
    }

    @Test
    void jsonHasPerUserFiguresAndLines() throws Exception {
        JsonNode json = new ObjectMapper().readTree(UsageFormat.json(priced()));
        assertThat(json.path("step_seconds").asDouble()).isEqualTo(60.0);
        JsonNode alice = json.path("usage").get(1);
        assertThat(alice.path("user").asText()).isEqualTo("alice");
        assertThat(alice.path("cpu_core_seconds").asDouble()).isEqualTo(360.0);
        assertThat(alice.path("cpu_core_hours").asDouble()).isEqualTo(0.1);
        assertThat(alice.path("gpu_hours_by_model").path("NVIDIA H100 80GB HBM3").asDouble()).isEqualTo(300 / 3600.0);
        assertThat(json.path("lines")).hasSize(6);
        assertThat(json.path("total_cost").asDouble()).isBetween(3.66, 3.67);
    }

    @Test
    void emptyWindowSaysWhatToCheck() {
        UsageReport empty = new UsageReport(UsageCalculatorTest.FROM, UsageCalculatorTest.TO,
                UsageCalculatorTest.STEP, java.util.List.of(), Optional.empty());
        assertThat(UsageFormat.table(empty)).contains("--collector.users");
        assertThat(UsageFormat.csv(empty).lines()).hasSize(1);
    }
}
