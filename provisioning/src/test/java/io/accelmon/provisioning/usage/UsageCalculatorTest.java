package io.accelmon.provisioning.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.provisioning.check.RecordedPrometheus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageCalculatorTest {

    static final Instant FROM = Instant.ofEpochSecond(1769940000);
    static final Instant TO = Instant.ofEpochSecond(1769940180);
    static final Duration STEP = Duration.ofMinutes(1);

    static JsonNode result(String resource) throws Exception {
        return new ObjectMapper().readTree(RecordedPrometheus.resource(resource)).path("data").path("result");
    }

    static List<UsageRow> rows() throws Exception {
        return UsageCalculator.rows(result("usage/gpus-in-use.json"), result("usage/gpu-memory.json"),
                result("usage/sm-busy.json"), result("usage/cpu.json"), TO, STEP);
    }

    @Test
    void gpuSecondsAreGpusInUseTimesStepPerModel() throws Exception {
        List<UsageRow> rows = rows();
        assertThat(rows).extracting(r -> r.user() + "@" + r.server())
                .as("idle root on hub is dropped; sorted by user then server")
                .containsExactly("alice@inference", "alice@training", "bob@training", "carol@training");
        UsageRow alice = rows.get(1);
        // 2 + 2 + 1 GPUs at the samples before `to`; the sample at `to` covers nothing.
        assertThat(alice.gpuSecondsByModel()).containsEntry("NVIDIA H100 80GB HBM3", 300.0)
                .containsEntry("NVIDIA A100-SXM4-40GB", 120.0);
        assertThat(alice.cpuCoreSeconds()).isEqualTo(360.0);
        assertThat(alice.peakGpuMemoryBytes()).isEqualTo(6442450944.0);
        assertThat(alice.hostname()).isEqualTo("TRS");
        assertThat(rows.get(2).gpuSeconds()).isEqualTo(60.0);
        assertThat(rows.get(0).gpuSecondsByModel()).isEmpty();
        assertThat(rows.get(0).cpuCoreSeconds()).isEqualTo(36.0);
    }

    @Test
    void smBusySecondsPerModelComeWithAndWithoutHeldTime() throws Exception {
        List<UsageRow> rows = rows();
        assertThat(rows.get(1).smBusySecondsByModel()).as("alice: H100 measured, the A100 not")
                .containsExactly(java.util.Map.entry("NVIDIA H100 80GB HBM3", 150.0));
        assertThat(rows.get(2).smBusySeconds()).isEqualTo(45.0);
        UsageRow carol = rows.get(3);
        assertThat(carol.gpuSecondsByModel()).as("carol's processes showed no memory").isEmpty();
        assertThat(carol.peakGpuMemoryBytes()).isZero();
        assertThat(carol.smBusySecondsByModel()).containsEntry("NVIDIA H100 80GB HBM3", 90.0);
        assertThat(rows.get(0).smBusySecondsByModel()).isEmpty();
    }

    @Test
    void linesCarrySmBusyAndHeldTimeSideBySide() throws Exception {
        UsageReport report = new UsageReport(FROM, TO, STEP, rows(), Optional.empty());
        List<LineItem> lines = report.lines();
        assertThat(lines).extracting(l -> l.user() + "/" + l.resource() + " " + l.seconds() + " " + l.smBusySeconds()
                        + " " + l.chargedSeconds())
                .containsExactly("alice/CPU_CORE 36.0 NaN 36.0",
                        "alice/NVIDIA A100-SXM4-40GB 120.0 NaN 120.0",
                        "alice/NVIDIA H100 80GB HBM3 300.0 150.0 300.0",
                        "alice/CPU_CORE 360.0 NaN 360.0",
                        "bob/NVIDIA H100 80GB HBM3 60.0 45.0 60.0",
                        "bob/CPU_CORE 90.0 NaN 90.0",
                        "carol/NVIDIA H100 80GB HBM3 0.0 90.0 0.0");
        assertThat(report.gpuCharge()).isEqualTo(GpuCharge.HELD);
    }

    @Test
    void smBusyChargingPricesTheBusyMinutes() throws Exception {
        PriceList p = PriceList.load(PriceListTest.fixture());
        PriceList busy = new PriceList(p.currency(), p.prices(), GpuCharge.SM_BUSY);
        UsageReport report = new UsageReport(FROM, TO, STEP, rows(), Optional.of(busy));
        List<LineItem> lines = report.lines();
        LineItem aliceH100 = lines.get(2);
        assertThat(aliceH100.chargedSeconds()).isEqualTo(150.0);
        assertThat(aliceH100.cost()).isCloseTo(2.5 * 0.5, within(1e-9));
        assertThat(lines.get(1).cost()).as("alice's A100: held, but no SM-busy time measured").isNaN();
        assertThat(lines.get(4).cost()).as("bob").isCloseTo(0.75 * 0.5, within(1e-9));
        assertThat(lines.get(6).cost()).as("carol: busy without held memory").isCloseTo(1.5 * 0.5, within(1e-9));
        // CPU lines are priced the same either way: 0.6 + 6 + 1.5 core-minutes at 0.02
        assertThat(report.totalCost()).isCloseTo(1.25 + 0.375 + 0.75 + 8.1 * 0.02, within(1e-9));
        assertThat(report.warnings()).containsExactly("no SM-busy time measured for 'NVIDIA A100-SXM4-40GB' on"
                + " training (gpu-exporter on the nvidia-smi backend, or a driver without per-process utilization):"
                + " its held time is not charged");
    }

    @Test
    void pricesPerMinuteGiveTheCost() throws Exception {
        UsageReport report = new UsageReport(FROM, TO, STEP, rows(),
                Optional.of(PriceList.load(PriceListTest.fixture())));
        List<LineItem> lines = report.lines();
        assertThat(lines).extracting(l -> l.user() + "/" + l.server() + "/" + l.resource())
                .containsExactly("alice/inference/CPU_CORE", "alice/training/NVIDIA A100-SXM4-40GB",
                        "alice/training/NVIDIA H100 80GB HBM3", "alice/training/CPU_CORE",
                        "bob/training/NVIDIA H100 80GB HBM3", "bob/training/CPU_CORE",
                        "carol/training/NVIDIA H100 80GB HBM3");
        assertThat(lines.get(1).cost()).isCloseTo(2 * 0.25, within(1e-9));
        assertThat(lines.get(2).cost()).isCloseTo(5 * 0.5, within(1e-9));
        assertThat(lines.get(3).cost()).isCloseTo(6 * 0.02, within(1e-9));
        assertThat(lines.get(6).cost()).as("held basis: carol held nothing").isZero();
        assertThat(report.totalCost()).isCloseTo(0.012 + 0.5 + 2.5 + 0.12 + 0.5 + 0.03, within(1e-9));
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void unpricedModelIsAWarningNotAGuess() throws Exception {
        PriceList onlyCpu = new PriceList("", List.of(new PriceList.Price("CPU_CORE", 0.02)));
        UsageReport report = new UsageReport(FROM, TO, STEP, rows(), Optional.of(onlyCpu));
        assertThat(report.lines()).filteredOn(l -> l.kind() == LineItem.Kind.gpu)
                .allSatisfy(l -> assertThat(l.cost()).isNaN());
        assertThat(report.warnings()).containsExactly(
                "no price for GPU model 'NVIDIA A100-SXM4-40GB' (add a gpu_model that is a substring of it)",
                "no price for GPU model 'NVIDIA H100 80GB HBM3' (add a gpu_model that is a substring of it)");
    }
}
