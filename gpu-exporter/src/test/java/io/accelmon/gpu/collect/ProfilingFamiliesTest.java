package io.accelmon.gpu.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.accelmon.core.testing.Await;
import io.accelmon.core.attribution.KubeletPods;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPM, NVLink, per-process SM utilization and pod labels through the fake libnvidia-ml in all three namings: GPU 0
 * supports GPM and has NVLink, GPU 1 has neither, so its families must be absent (never 0).
 */
class ProfilingFamiliesTest {

    private static final String UUID0 = "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03";
    private static final String UUID1 = "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b01";
    private static final String DEV0 = "gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\",uuid=\"" + UUID0 + "\"";
    private static final String DEV1 = "gpu=\"1\",name=\"NVIDIA H100 80GB HBM3\",uuid=\"" + UUID1 + "\"";
    private static final Path CONTROL = Path.of(System.getenv("FAKE_NVML_CONTROL"));
    private static final double MIB = 1024.0 * 1024.0;
    private static NvmlSource nvml;

    @BeforeAll
    static void openWithFastGpm() throws Exception {
        Files.writeString(CONTROL, "");
        nvml = NvmlSource.open(Captures.FAKE_NVML.toString(), Duration.ofMillis(50));
        Await.until(Duration.ofSeconds(10), () -> nvml.read().devices().get(0).reading(Reading.SM_ACTIVE_RATIO),
                Optional::isPresent);
    }

    @AfterAll
    static void close() throws Exception {
        nvml.close();
        Files.writeString(CONTROL, "");
    }

    private static Map<String, Double> collect(GpuCollector.Naming naming) throws Exception {
        return Samples.of(new GpuCollector(nvml, new XidCounts(), naming, "node-1", "hostname",
                new ProcessAttributor(), new SelfMetrics()).collect());
    }

    @Test
    void gpmReadingsComeFromTwoSamplesOnlyWhereSupported() {
        assertThat(nvml.gpmSupported(0)).isTrue();
        assertThat(nvml.gpmSupported(1)).isFalse();
        GpuSnapshot s = nvml.read();
        Map<Reading, Double> r = s.devices().get(0).readings();
        assertThat(r.get(Reading.GRAPHICS_ACTIVE_RATIO)).isCloseTo(0.925, within(1e-9));
        assertThat(r.get(Reading.SM_ACTIVE_RATIO)).isCloseTo(0.875, within(1e-9));
        assertThat(r.get(Reading.SM_OCCUPANCY_RATIO)).isCloseTo(0.40, within(1e-9));
        assertThat(r.get(Reading.TENSOR_ACTIVE_RATIO)).isCloseTo(0.625, within(1e-9));
        assertThat(r.get(Reading.DRAM_ACTIVE_RATIO)).isCloseTo(0.30, within(1e-9));
        assertThat(r.get(Reading.FP64_ACTIVE_RATIO)).isCloseTo(0.025, within(1e-9));
        assertThat(r.get(Reading.FP32_ACTIVE_RATIO)).isCloseTo(0.125, within(1e-9));
        assertThat(r.get(Reading.FP16_ACTIVE_RATIO)).isCloseTo(0.25, within(1e-9));
        assertThat(r.get(Reading.PCIE_TX_BYTES_PER_SECOND)).isEqualTo(64 * MIB);
        assertThat(r.get(Reading.PCIE_RX_BYTES_PER_SECOND)).isEqualTo(128 * MIB);
        assertThat(r.get(Reading.NVLINK_RX_BYTES_PER_SECOND)).isEqualTo(1024 * MIB);
        assertThat(r.get(Reading.NVLINK_TX_BYTES_PER_SECOND)).isEqualTo(2048 * MIB);
        assertThat(s.devices().get(1).readings()).doesNotContainKeys(Reading.SM_ACTIVE_RATIO,
                Reading.TENSOR_ACTIVE_RATIO, Reading.PCIE_TX_BYTES_PER_SECOND, Reading.NVLINK_CRC_FLIT_ERRORS);
        assertThat(r.get(Reading.COMPUTE_MODE)).isZero();
        assertThat(r.get(Reading.FABRIC_STATE)).isEqualTo(3.0);
        assertThat(s.devices().get(1).readings()).doesNotContainKey(Reading.FABRIC_STATE);
        assertThat(r.get(Reading.GRAPHICS_CLOCK_MAX_HERTZ)).isEqualTo(1980e6);
    }

    @Test
    void nvlinksHaveStateCountersAndErrorTotals() {
        GpuDevice d = nvml.read().devices().get(0);
        assertThat(d.nvlinks()).extracting(l -> l.link() + ":" + l.up()).containsExactly("0:true", "1:true",
                "2:true", "3:true", "4:false");
        assertThat(d.nvlinks().get(2).receiveBytes().getAsDouble()).isPositive();
        assertThat(d.nvlinks().get(2).transmitBytes().getAsDouble())
                .isEqualTo(2 * d.nvlinks().get(2).receiveBytes().getAsDouble());
        assertThat(d.readings()).containsEntry(Reading.NVLINK_REPLAY_ERRORS, 3.0)
                .containsEntry(Reading.NVLINK_RECOVERY_ERRORS, 1.0).containsEntry(Reading.NVLINK_CRC_FLIT_ERRORS, 0.0);
        assertThat(nvml.read().devices().get(1).nvlinks()).isEmpty();
    }

    @Test
    void defaultNamingHasRatiosAndRatesOnGpuZeroOnly() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.DEFAULT);
        assertThat(m.get("gpu_sm_active_ratio{" + DEV0 + "}")).isCloseTo(0.875, within(1e-9));
        assertThat(m.get("gpu_tensor_active_ratio{" + DEV0 + "}")).isCloseTo(0.625, within(1e-9));
        assertThat(m.get("gpu_graphics_engine_active_ratio{" + DEV0 + "}")).isCloseTo(0.925, within(1e-9));
        assertThat(m.get("gpu_dram_active_ratio{" + DEV0 + "}")).isCloseTo(0.30, within(1e-9));
        assertThat(m).containsEntry("gpu_pcie_transmit_bytes_per_second{" + DEV0 + "}", 64 * MIB)
                .containsEntry("gpu_nvlink_receive_bytes_per_second{" + DEV0 + "}", 1024 * MIB)
                .containsEntry("gpu_nvlink_up{" + DEV0.replace(",name", ",link=\"4\",name") + "}", 0.0)
                .containsEntry("gpu_nvlink_up{" + DEV0.replace(",name", ",link=\"0\",name") + "}", 1.0)
                .containsKey("gpu_nvlink_transmit_bytes_total{" + DEV0.replace(",name", ",link=\"3\",name") + "}")
                .containsEntry("gpu_nvlink_errors_total{" + DEV0.replace(",uuid", ",type=\"replay\",uuid") + "}", 3.0)
                .containsEntry("gpu_compute_mode{" + DEV0 + "}", 0.0);
        assertThat(m.keySet()).filteredOn(k -> k.contains("uuid=\"" + UUID1 + "\""))
                .noneMatch(k -> k.contains("_ratio{") || k.startsWith("gpu_nvlink") || k.contains("_per_second"));
    }

    @Test
    void dcgmNamingHasTheProfFieldsWithDcgmScale() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.DCGM);
        String l0 = "{DCGM_FI_DRIVER_VERSION=\"580.159.04\",UUID=\"" + UUID0 + "\",device=\"nvidia0\",gpu=\"0\","
                + "hostname=\"node-1\",modelName=\"NVIDIA H100 80GB HBM3\",pci_bus_id=\"00000000:00:06.0\"}";
        assertThat(m.get("DCGM_FI_PROF_GR_ENGINE_ACTIVE" + l0)).isCloseTo(0.925, within(1e-9));
        assertThat(m.get("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE" + l0)).isCloseTo(0.625, within(1e-9));
        assertThat(m.get("DCGM_FI_PROF_DRAM_ACTIVE" + l0)).isCloseTo(0.30, within(1e-9));
        assertThat(m.get("DCGM_FI_PROF_SM_ACTIVE" + l0)).isCloseTo(0.875, within(1e-9));
        assertThat(m.get("DCGM_FI_PROF_SM_OCCUPANCY" + l0)).isCloseTo(0.40, within(1e-9));
        assertThat(m.get("DCGM_FI_PROF_PIPE_FP64_ACTIVE" + l0)).isCloseTo(0.025, within(1e-9));
        assertThat(m).containsEntry("DCGM_FI_PROF_PCIE_TX_BYTES" + l0, 64 * MIB)
                .containsEntry("DCGM_FI_PROF_PCIE_RX_BYTES" + l0, 128 * MIB)
                .containsEntry("DCGM_FI_PROF_NVLINK_TX_BYTES" + l0, 2048 * MIB)
                .containsEntry("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL" + l0, 3072 * MIB / 1e6)
                .containsEntry("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL" + l0, 3.0)
                .containsEntry("DCGM_FI_DEV_XID_ERRORS" + l0.replace(",gpu=", ",err_code=\"0\",err_msg=\"No Error\",gpu="),
                        0.0);
        assertThat(m.keySet()).filteredOn(k -> k.contains(UUID1))
                .noneMatch(k -> k.startsWith("DCGM_FI_PROF_") || k.contains("NVLINK"));
    }

    @Test
    void nvidiaSmiNamingUsesItsNamesScalesAndBareUuid() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.NVIDIA_SMI);
        String u0 = "{uuid=\"f9da2503-67b4-3b23-234d-60bc7a6e3b03\"}";
        assertThat(m).containsEntry("nvidia_smi_utilization_gpu_ratio" + u0, 1.0)
                .containsEntry("nvidia_smi_utilization_memory_ratio" + u0, 0.3)
                .containsEntry("nvidia_smi_memory_total_bytes" + u0, 85520809984.0)
                .containsEntry("nvidia_smi_temperature_gpu" + u0, 58.0)
                .containsEntry("nvidia_smi_enforced_power_limit_watts" + u0, 700.0)
                .containsEntry("nvidia_smi_clocks_current_sm_clock_hz" + u0, 1335e6)
                .containsEntry("nvidia_smi_clocks_max_graphics_clock_hz" + u0, 1980e6)
                .containsEntry("nvidia_smi_clocks_event_reasons_sw_power_cap" + u0, 1.0)
                .containsEntry("nvidia_smi_pcie_throughput_tx_bytes_per_second" + u0, 64 * MIB)
                .containsEntry("nvidia_smi_index" + u0, 0.0)
                .containsEntry("nvidia_smi_gpu_info{driver_version=\"580.159.04\",index=\"0\",name=\"NVIDIA H100 "
                        + "80GB HBM3\",pci_bus_id=\"00000000:00:06.0\",uuid=\"f9da2503-67b4-3b23-234d-60bc7a6e3b03\"}",
                        1.0)
                .containsKey("nvidia_smi_energy_joules_total" + u0)
                .doesNotContainKey("nvidia_smi_fan_speed_ratio" + u0)
                .doesNotContainKey("nvidia_smi_pcie_throughput_tx_bytes_per_second{uuid=\"f9da2503-67b4-3b23-234d-60bc7a6e3b01\"}");
    }

    @Test
    void processSmUtilizationIsAGaugePerProcessAndBusySecondsPerUser() throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(CONTROL, "process=0:" + self + ":1048576\nprocess=0:1:4096\nprocutil=0:" + self + ":80\n");
        try {
            GpuCollector collector = new GpuCollector(nvml, null, GpuCollector.Naming.DEFAULT, "h", "hostname",
                    new ProcessAttributor(), new SelfMetrics());
            collector.collect(); // the first read starts the window
            Thread.sleep(300);
            Map<String, Double> m = Samples.of(collector.collect());
            String user = System.getProperty("user.name");
            assertThat(m).containsEntry("gpu_process_sm_utilization_ratio{gpu=\"0\",pid=\"" + self + "\",uuid=\""
                    + UUID0 + "\"}", 0.8).containsEntry("gpu_process_sm_utilization_ratio{gpu=\"0\",pid=\"1\",uuid=\""
                    + UUID0 + "\"}", 0.0);
            double busy = m.get("gpu_user_sm_busy_seconds_total{" + DEV0.replace(",uuid", ",user=\"" + user + "\",uuid") + "}");
            assertThat(busy).as("80 %% of >= 0.3 s").isGreaterThanOrEqualTo(0.8 * 0.3).isLessThan(0.8 * 10);
        } finally {
            Files.writeString(CONTROL, "");
        }
    }

    @TempDir
    Path node;

    @Test
    void podLabelsOnTheProcessInfoAndInDcgmNamingOnTheDeviceTheyHold() throws Exception {
        String podUid = "5f1c3a9e-2b7d-4c11-9e0a-7d3b2c1a0f9e";
        String container = "c1c2c3d4e5f6" + "2".repeat(52);
        Path proc = Files.createDirectories(node.resolve("proc"));
        Path dir = Files.createDirectories(proc.resolve("4242"));
        Files.writeString(dir.resolve("status"), "Name:\tpython3\nUid:\t1000\t1000\t1000\t1000\n");
        Files.writeString(dir.resolve("comm"), "python3\n");
        Files.writeString(dir.resolve("cgroup"), "0::/kubepods/burstable/pod" + podUid + "/" + container + "\n");
        Path passwd = Files.writeString(node.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\n");
        Files.createDirectories(node.resolve("var/log/pods/ml-team_llama-0_" + podUid + "/trainer"));
        Files.createDirectories(node.resolve("var/log/containers"));
        Files.writeString(node.resolve("var/log/containers/llama-0_ml-team_trainer-" + container + ".log"), "");
        ProcessAttributor attributor = new ProcessAttributor(proc, passwd, new KubeletPods(node));

        GpuDevice d0 = new GpuDevice(0, UUID0, "H100", "b0", false, Map.of(Reading.UTILIZATION, 50.0),
                OptionalLong.empty());
        GpuDevice d1 = new GpuDevice(1, UUID1, "H100", "b1", false, Map.of(Reading.UTILIZATION, 0.0),
                OptionalLong.empty());
        GpuSnapshot s = new GpuSnapshot("580", List.of(d0, d1), List.of(new GpuProcess(0, UUID0, 4242,
                OptionalLong.of(1024), OptionalDouble.of(0.5), 2.0)));
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
        Map<String, Double> def = Samples.of(new GpuCollector(fixed, null, GpuCollector.Naming.DEFAULT, "h",
                "hostname", attributor, new SelfMetrics()).collect());
        assertThat(def).containsEntry("gpu_process_info{command=\"python3\",container=\"c1c2c3d4e5f6\","
                + "container_name=\"trainer\",namespace=\"ml-team\",pid=\"4242\",pod=\"llama-0\",slurm_job=\"\","
                + "user=\"alice\"}", 1.0);
        Map<String, Double> dcgm = Samples.of(new GpuCollector(fixed, null, GpuCollector.Naming.DCGM, "h",
                "hostname", true, attributor, new SelfMetrics()).collect());
        assertThat(dcgm).containsEntry("DCGM_FI_DEV_GPU_UTIL{DCGM_FI_DRIVER_VERSION=\"580\",UUID=\"" + UUID0
                + "\",container=\"trainer\",device=\"nvidia0\",gpu=\"0\",hostname=\"h\",modelName=\"H100\","
                + "namespace=\"ml-team\",pci_bus_id=\"b0\",pod=\"llama-0\"}", 50.0)
                .containsEntry("DCGM_FI_DEV_GPU_UTIL{DCGM_FI_DRIVER_VERSION=\"580\",UUID=\"" + UUID1
                + "\",container=\"\",device=\"nvidia1\",gpu=\"1\",hostname=\"h\",modelName=\"H100\","
                + "namespace=\"\",pci_bus_id=\"b1\",pod=\"\"}", 0.0);
        Map<String, Double> plain = Samples.of(new GpuCollector(fixed, null, GpuCollector.Naming.DCGM, "h",
                "hostname", false, attributor, new SelfMetrics()).collect());
        assertThat(plain.keySet()).filteredOn(k -> k.startsWith("DCGM_")).noneMatch(k -> k.contains("pod="));
    }
}
