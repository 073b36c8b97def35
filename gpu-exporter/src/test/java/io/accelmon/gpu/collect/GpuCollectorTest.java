package io.accelmon.gpu.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.accelmon.gpu.nvml.NvmlSource;
import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpuCollectorTest {

    private static final String UUID0 = "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03";
    private static final String DEV0 = "gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",uuid=\"" + UUID0 + "\"";
    private static final Path CONTROL = Path.of(System.getenv("FAKE_NVML_CONTROL"));

    @AfterEach
    void resetControl() throws Exception {
        Files.writeString(CONTROL, "");
    }

    @Test
    void nvmlSnapshotBecomesTheContractFamiliesWithProcessesAttributedToThisTestsUser() throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(CONTROL, "process=0:" + self + ":1073741824\nprocess=1:" + self + ":2048\n");
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML.toString());
        XidCounts xids = new XidCounts();
        xids.record(0, 79);
        SelfMetrics selfMetrics = new SelfMetrics();
        GpuCollector collector = new GpuCollector(nvml, xids, GpuCollector.Naming.DEFAULT, "h", "Hostname",
                new ProcessAttributor(), selfMetrics);
        Map<String, Double> m = Samples.of(collector.collect());

        assertThat(m).containsEntry("gpu_utilization{" + DEV0 + "}", 100.0)
                .containsEntry("gpu_memory_total_bytes{" + DEV0 + "}", 85520809984.0)
                .containsEntry("gpu_temperature_celsius{" + DEV0 + "}", 58.0)
                .containsEntry("gpu_power_limit_watts{" + DEV0 + "}", 700.0)
                .containsEntry("gpu_sm_clock_hertz{" + DEV0 + "}", 1335e6)
                .containsEntry("gpu_lost{" + DEV0 + "}", 0.0)
                .containsEntry("gpu_clock_event_active{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",reason=\"sw_power_cap\",uuid=\"" + UUID0 + "\"}", 1.0)
                .containsEntry("gpu_clock_event_active{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",reason=\"gpu_idle\",uuid=\"" + UUID0 + "\"}", 0.0)
                .containsEntry("gpu_remapped_rows{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",type=\"correctable\",uuid=\"" + UUID0 + "\"}", 0.0)
                .containsEntry("gpu_xid_errors_total{" + DEV0 + ",xid=\"79\"}", 1.0)
                .containsEntry("gpu_info{driver_version=\"580.159.04\",gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\","
                        + "pci_bus_id=\"00000000:00:06.0\",uuid=\"" + UUID0 + "\"}", 1.0)
                .containsKey("gpu_energy_joules_total{" + DEV0 + "}")
                .containsKey("gpu_pcie_transmit_bytes_total{" + DEV0 + "}")
                .doesNotContainKey("gpu_fan_speed_percent{" + DEV0 + "}");
        assertThat(m.keySet()).noneMatch(k -> k.startsWith("gpu_retired_pages"));

        String user = System.getProperty("user.name");
        assertThat(m).containsEntry("gpu_process_memory_used_bytes{gpu=\"0\",pid=\"" + self + "\",uuid=\"" + UUID0
                + "\"}", 1073741824.0);
        assertThat(m).containsEntry("gpu_user_memory_used_bytes{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",user=\""
                + user + "\",uuid=\"" + UUID0 + "\"}", 1073741824.0);
        assertThat(m.keySet()).filteredOn(k -> k.startsWith("gpu_process_info{")).singleElement().satisfies(k ->
                assertThat(k).contains("pid=\"" + self + "\"", "user=\"" + user + "\"", "command=\"java\""));
        // attribution labels stay off device series
        assertThat(m.keySet()).filteredOn(k -> k.startsWith("gpu_utilization")).allSatisfy(k ->
                assertThat(k).doesNotContain("user=", "pid="));
    }

    @Test
    void perUserMemorySumsProcessesOfTheSameUserOnAGpu() throws Exception {
        long self = ProcessHandle.current().pid();
        GpuDevice d = new GpuDevice(0, UUID0, "H100", "b", false, Map.of(Reading.UTILIZATION, 1.0),
                OptionalLong.empty());
        GpuSnapshot s = new GpuSnapshot("v", List.of(d), List.of(
                new GpuProcess(0, UUID0, self, OptionalLong.of(100)),
                new GpuProcess(0, UUID0, self, OptionalLong.of(23)),
                new GpuProcess(0, UUID0, 999_999_999L, OptionalLong.of(5)),
                new GpuProcess(0, UUID0, 999_999_998L, OptionalLong.empty())));
        Map<String, Double> m = Samples.of(collectorFor(s, GpuCollector.Naming.DEFAULT).collect());
        String user = System.getProperty("user.name");
        assertThat(m).containsEntry("gpu_user_memory_used_bytes{gpu=\"0\",name=\"H100\",user=\"" + user
                + "\",uuid=\"" + UUID0 + "\"}", 123.0);
        assertThat(m).containsEntry("gpu_user_memory_used_bytes{gpu=\"0\",name=\"H100\",user=\"unknown\",uuid=\""
                + UUID0 + "\"}", 5.0);
        assertThat(m).containsEntry("gpu_process_memory_used_bytes{gpu=\"0\",pid=\"" + self + "\",uuid=\"" + UUID0
                + "\"}", 123.0);
        assertThat(m.keySet()).filteredOn(k -> k.startsWith("gpu_process_memory_used_bytes"))
                .hasSize(2); // this test's pid summed into one series; the process without a memory figure has none
    }

    @Test
    void dcgmNamingUsesDcgmExporterNamesLabelsAndUnits() throws Exception {
        NvmlSource nvml = NvmlSource.open(Captures.FAKE_NVML.toString());
        XidCounts xids = new XidCounts();
        xids.record(0, 48);
        xids.record(0, 79);
        GpuCollector collector = new GpuCollector(nvml, xids, GpuCollector.Naming.DCGM, "node-1", "Hostname",
                new ProcessAttributor(), new SelfMetrics());
        Map<String, Double> m = Samples.of(collector.collect());
        String labels = "{DCGM_FI_DRIVER_VERSION=\"580.159.04\",Hostname=\"node-1\",UUID=\"" + UUID0
                + "\",device=\"nvidia0\",gpu=\"0\",modelName=\"NVIDIA H100 80GB HBM3\",pci_bus_id=\"00000000:00:06.0\"}";
        assertThat(m).containsEntry("DCGM_FI_DEV_GPU_UTIL" + labels, 100.0)
                .containsEntry("DCGM_FI_DEV_FB_USED" + labels, (1563230208.0 - 480.0 * 1048576) / 1048576)
                .containsEntry("DCGM_FI_DEV_FB_TOTAL" + labels, 85520809984.0 / 1048576)
                .containsEntry("DCGM_FI_DEV_GPU_TEMP" + labels, 58.0)
                .containsEntry("DCGM_FI_DEV_MEMORY_TEMP" + labels, 54.0)
                .containsEntry("DCGM_FI_DEV_SM_CLOCK" + labels, 1335.0)
                .containsEntry("DCGM_FI_DEV_MEM_CLOCK" + labels, 2619.0)
                .containsEntry("DCGM_FI_DEV_XID_ERRORS" + labels.replace(",gpu=", ",err_code=\"79\","
                        + "err_msg=\"GPU has fallen off the bus\",gpu="), 79.0)
                .containsEntry("DCGM_FI_DEV_CLOCKS_EVENT_REASONS" + labels, 4.0);
        assertThat(m.get("DCGM_FI_DEV_POWER_USAGE" + labels)).isEqualTo(695.76, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m.get("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + labels)).isGreaterThanOrEqualTo(7464209.0);
        assertThat(m.keySet()).noneMatch(k -> k.startsWith("gpu_utilization") || k.startsWith("DCGM_FI_DEV_FAN_SPEED"));
    }

    private static GpuCollector collectorFor(GpuSnapshot s, GpuCollector.Naming naming) {
        GpuSource fixed = new GpuSource() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public GpuSnapshot read() {
                return s;
            }
        };
        return new GpuCollector(fixed, null, naming, "h", "Hostname", new ProcessAttributor(), new SelfMetrics());
    }
}
