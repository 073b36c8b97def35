package io.accelmon.provisioning.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.provisioning.check.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceListTest {

    static Path fixture() throws Exception {
        return Path.of(PriceListTest.class.getResource("/usage/prices.yaml").toURI());
    }

    @Test
    void matchesGpuModelsBySubstringLongestKeyFirst() throws Exception {
        PriceList p = PriceList.load(fixture());
        assertThat(p.currency()).isEqualTo("CNY");
        assertThat(p.gpu("NVIDIA H100 80GB HBM3")).map(PriceList.Price::pricePerMinute).contains(0.5);
        assertThat(p.gpu("NVIDIA A100-SXM4-40GB")).map(PriceList.Price::pricePerMinute).contains(0.25);
        assertThat(p.gpu("NVIDIA A100-SXM4-80GB")).map(PriceList.Price::pricePerMinute).contains(0.3);
        assertThat(p.gpu("nvidia h100 pcie")).as("case-insensitive").isPresent();
        assertThat(p.gpu("Tesla T4")).isEmpty();
        assertThat(p.gpu("CPU_CORE")).as("CPU_CORE is never a GPU price").isEmpty();
        assertThat(p.cpuCore()).map(PriceList.Price::pricePerMinute).contains(0.02);
        assertThat(p.gpuCharge()).as("without gpu_charge a GPU is charged while held").isEqualTo(GpuCharge.HELD);
    }

    @Test
    void gpuChargeSaysWhichMinutesArePriced(@TempDir Path tmp) throws Exception {
        Path busy = Files.writeString(tmp.resolve("busy.yaml"), """
                currency: CNY
                gpu_charge: sm-busy
                prices:
                  - gpu_model: H100
                    price_per_minute: 1.5
                """);
        assertThat(PriceList.load(busy).gpuCharge()).isEqualTo(GpuCharge.SM_BUSY);
        Path held = Files.writeString(tmp.resolve("held.yaml"), "gpu_charge: held\nprices: []\n");
        assertThat(PriceList.load(held).gpuCharge()).isEqualTo(GpuCharge.HELD);
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "gpu_charge: busy\nprices: []\n");
        assertThatThrownBy(() -> PriceList.load(typo)).isInstanceOf(PriceList.BadPrices.class)
                .hasMessage(typo + ": gpu_charge: 'busy' is not one of held, sm-busy");
    }

    @Test
    void theShippedExampleLoads() throws Exception {
        PriceList p = PriceList.load(RepoRoot.resolve("examples/prices.yaml"));
        assertThat(p.cpuCore()).isPresent();
        assertThat(p.gpu("NVIDIA H100 80GB HBM3")).isPresent();
    }

    @Test
    void unknownKeysAndBadValuesAreAllReported(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("p.yaml"), """
                currency: CNY
                discount: 0.1
                prices:
                  - gpu_model: H100
                    price_per_hour: 30
                  - gpu_model: CPU_CORE
                    price_per_minute: -1
                """);
        assertThatThrownBy(() -> PriceList.load(f)).isInstanceOf(PriceList.BadPrices.class)
                .hasMessageContaining(f + ": discount: unknown price key")
                .hasMessageContaining(f + ": prices[0].price_per_hour: unknown price key")
                .hasMessageContaining(f + ": prices[0].price_per_minute: missing")
                .hasMessageContaining(f + ": prices[1].price_per_minute: missing or not a number >= 0");
    }

    @Test
    void missingOrMalformedFile(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> PriceList.load(tmp.resolve("none.yaml"))).hasMessageContaining("no such file");
        Path f = Files.writeString(tmp.resolve("p.yaml"), "prices: {a: [\n");
        assertThatThrownBy(() -> PriceList.load(f)).hasMessageContaining("not YAML");
        Path g = Files.writeString(tmp.resolve("q.yaml"), "currency: CNY\n");
        assertThatThrownBy(() -> PriceList.load(g)).hasMessageContaining("expected a 'prices' list");
    }
}
