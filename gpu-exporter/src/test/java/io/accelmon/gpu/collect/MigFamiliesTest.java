package io.accelmon.gpu.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.core.testing.Await;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.MigInstance;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.accelmon.gpu.nvml.NvmlSource;
import io.accelmon.gpu.testing.Captures;
import io.accelmon.gpu.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GPU 1 of the fake in MIG mode (two GPU instances, GPM per instance, a process in instance 2), in all namings. */
class MigFamiliesTest {

    private static final Path CONTROL = Path.of(System.getenv("FAKE_NVML_CONTROL"));
    private static final String UUID1 = "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b01";
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final long SELF = ProcessHandle.current().pid();
    private static NvmlSource nvml;

    @BeforeAll
    static void openInMigMode() throws Exception {
        Files.writeString(CONTROL, "mig=1\ngpm=1\nprocess=1:" + SELF + ":1048576:2\n");
        nvml = NvmlSource.open(Captures.FAKE_NVML.toString(), Duration.ofMillis(50));
        Await.until(Duration.ofSeconds(10), () -> nvml.read().migInstances().stream()
                .allMatch(m -> m.reading(Reading.SM_ACTIVE_RATIO).isPresent()), Boolean::booleanValue);
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
    void migInstancesHaveMemoryAndGpmAndProcessesTheirInstance() {
        GpuSnapshot s = nvml.read();
        assertThat(s.migInstances()).extracting(m -> m.gpuIndex() + "/" + m.gpuInstanceId() + "/" + m.profile())
                .containsExactly("1/1/1g.10gb", "1/2/3g.40gb");
        MigInstance small = s.migInstances().get(0);
        assertThat(small.uuid()).isEqualTo("MIG-5d2d1c2e-0000-4000-8000-000000000001");
        assertThat(small.readings()).containsEntry(Reading.MEMORY_TOTAL_BYTES, 10 * GIB)
                .containsEntry(Reading.MEMORY_USED_BYTES, 2 * GIB);
        assertThat(small.readings().get(Reading.TENSOR_ACTIVE_RATIO)).isCloseTo(0.625, within(1e-9));
        // NVML has no device utilization in MIG mode: absent, never 0
        assertThat(s.devices().get(1).readings()).doesNotContainKey(Reading.UTILIZATION);
        assertThat(s.processes()).singleElement().satisfies(p -> assertThat(p.gpuInstanceId()).hasValue(2));
    }

    @Test
    void defaultNamingHasGpuMigFamiliesAndTheProcessInstance() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.DEFAULT);
        String gi1 = "{gpu=\"1\",gpu_instance_id=\"1\",name=\"NVIDIA H100 80GB HBM3\",profile=\"1g.10gb\",uuid=\""
                + UUID1 + "\"}";
        assertThat(m).containsEntry("gpu_mig_memory_used_bytes" + gi1, 2 * GIB)
                .containsEntry("gpu_mig_memory_total_bytes" + gi1, 10 * GIB)
                .containsEntry("gpu_mig_info{compute_instance_id=\"0\",gpu=\"1\",gpu_instance_id=\"2\",mig_uuid=\"MIG-"
                        + "5d2d1c2e-0000-4000-8000-000000000002\",name=\"NVIDIA H100 80GB HBM3\",profile=\"3g.40gb\","
                        + "uuid=\"" + UUID1 + "\"}", 1.0)
                .containsEntry("gpu_process_memory_used_bytes{gpu=\"1\",gpu_instance_id=\"2\",pid=\"" + SELF
                        + "\",uuid=\"" + UUID1 + "\"}", 1048576.0);
        assertThat(m.get("gpu_mig_sm_active_ratio" + gi1)).isCloseTo(0.875, within(1e-9));
        assertThat(m.keySet()).filteredOn(k -> k.startsWith("gpu_mig_") && !k.startsWith("gpu_mig_mode")).noneMatch(k -> k.contains("gpu=\"0\""));
    }

    @Test
    void dcgmNamingPutsGpuInstanceLabelsOnMigEntities() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.DCGM);
        String gi2 = "{DCGM_FI_DRIVER_VERSION=\"580.159.04\",GPU_I_ID=\"2\",GPU_I_PROFILE=\"3g.40gb\",UUID=\"" + UUID1
                + "\",device=\"nvidia1\",gpu=\"1\",hostname=\"node-1\",modelName=\"NVIDIA H100 80GB HBM3\","
                + "pci_bus_id=\"00000000:01:06.0\"}";
        assertThat(m).containsEntry("DCGM_FI_DEV_FB_USED" + gi2, 8192.0)
                .containsEntry("DCGM_FI_DEV_FB_TOTAL" + gi2, 40960.0);
        assertThat(m.get("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE" + gi2)).isCloseTo(0.625, within(1e-9));
        assertThat(m.keySet()).noneMatch(k -> k.startsWith("DCGM_FI_DEV_GPU_UTIL") && k.contains("gpu=\"1\""));
    }

    @Test
    void nvidiaSmiNamingHasItsMigFamilies() throws Exception {
        Map<String, Double> m = collect(GpuCollector.Naming.NVIDIA_SMI);
        String u = "f9da2503-67b4-3b23-234d-60bc7a6e3b01";
        assertThat(m).containsEntry("nvidia_smi_mig_memory_used_bytes{gpu_instance_id=\"1\",uuid=\"" + u + "\"}",
                2 * GIB).containsEntry("nvidia_smi_mig_info{compute_instance_id=\"0\",gpu_instance_id=\"1\","
                + "mig_uuid=\"MIG-5d2d1c2e-0000-4000-8000-000000000001\",profile=\"1g.10gb\",uuid=\"" + u + "\"}", 1.0);
        assertThat(m.get("nvidia_smi_mig_tensor_activity_ratio{gpu_instance_id=\"2\",uuid=\"" + u + "\"}"))
                .isCloseTo(0.625, within(1e-9));
    }
}
