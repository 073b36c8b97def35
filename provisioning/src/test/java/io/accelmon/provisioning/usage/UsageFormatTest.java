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
        assertThat(csv.lines()).first().isEqualTo("user,server,hostname,kind,resource,hours,peak_gpu_memory_bytes,"
                + "price_per_minute,cost,sm_busy_hours,charged_hours");
        assertThat(csv).contains("alice,training,TRS,gpu,NVIDIA H100 80GB HBM3,0.083333,6442450944,0.500000,2.500000,"
                + "0.041667,0.083333\n");
        assertThat(csv).as("no SM-busy figure: empty, not 0")
                .contains("alice,training,TRS,gpu,NVIDIA A100-SXM4-40GB,0.033333,6442450944,0.250000,0.500000,,0.033333\n");
        assertThat(csv).contains("alice,training,TRS,cpu,CPU_CORE,0.100000,,0.020000,0.120000,,0.100000\n");
        assertThat(csv).contains("carol,training,TRS,gpu,NVIDIA H100 80GB HBM3,0,0,0.500000,0,0.025000,0\n");
        assertThat(csv.lines()).hasSize(8);
    }

    @Test
    void tableShowsHoursMemoryCostAndTotal() throws Exception {
        String table = UsageFormat.table(priced());
        assertThat(table).startsWith("usage 2026-02-01T10:00:00Z .. 2026-02-01T10:03:00Z (step 60s)\n");
        assertThat(table).containsPattern("USER +SERVER +KIND +RESOURCE +HOURS +SM-BUSY H +PEAK GPU MEM +COST");
        assertThat(table).containsPattern("alice +training +gpu +NVIDIA H100 80GB HBM3 +0.0833 +0.0417 +6144 MiB +2.50");
        assertThat(table).containsPattern("alice +training +gpu +NVIDIA A100-SXM4-40GB +0.0333 +6144 MiB +0.50");
        assertThat(table).containsPattern("bob +training +cpu +CPU_CORE +0.0250 +0.03");
        assertThat(table).containsPattern("carol +training +gpu +NVIDIA H100 80GB HBM3 +0.0000 +0.0250 +0 MiB +0.00");
        assertThat(table).endsWith("TOTAL 3.66 CNY\n");
    }

    @Test
    void smBusyChargingIsSaidOnEveryOutput() throws Exception {
        PriceList p = PriceList.load(PriceListTest.fixture());
        UsageReport busy = new UsageReport(UsageCalculatorTest.FROM, UsageCalculatorTest.TO, UsageCalculatorTest.STEP,
                UsageCalculatorTest.rows(), Optional.of(new PriceList(p.currency(), p.prices(), GpuCharge.SM_BUSY)));
        assertThat(UsageFormat.table(busy)).endsWith("TOTAL 2.54 CNY (GPU charged by SM-busy hours)\n");
        assertThat(UsageFormat.csv(busy)).contains("alice,training,TRS,gpu,NVIDIA H100 80GB HBM3,0.083333,6442450944,"
                + "0.500000,1.250000,0.041667,0.041667\n");
        JsonNode json = new ObjectMapper().readTree(UsageFormat.json(busy));
        assertThat(json.path("gpu_charge").asText()).isEqualTo("sm-busy");
        assertThat(json.path("lines").get(2).path("charged_hours").asDouble()).isEqualTo(150 / 3600.0);
        assertThat(json.path("lines").get(1).path("cost").isNull()).as("A100: nothing measured to charge").isTrue();
        assertThat(json.path("warnings")).hasSize(1);
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
        assertThat(alice.path("gpu_sm_busy_hours_by_model").path("NVIDIA H100 80GB HBM3").asDouble())
                .isEqualTo(150 / 3600.0);
        JsonNode carol = json.path("usage").get(3);
        assertThat(carol.path("gpu_hours_by_model").size()).isZero();
        assertThat(carol.path("gpu_sm_busy_hours_by_model").path("NVIDIA H100 80GB HBM3").asDouble()).isEqualTo(0.025);
        assertThat(json.path("lines")).hasSize(7);
        JsonNode a100 = json.path("lines").get(1);
        assertThat(a100.path("sm_busy_hours").isNull()).as("not measured is null, not 0").isTrue();
        assertThat(a100.path("charged_hours").asDouble()).isEqualTo(120 / 3600.0);
        assertThat(json.path("lines").get(2).path("sm_busy_hours").asDouble()).isEqualTo(150 / 3600.0);
        assertThat(json.path("gpu_charge").asText()).isEqualTo("held");
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
