package io.accelmon.npu.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.core.attribution.KubeletPods;
import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container attribution from a fake /proc tree (cgroup files of the processes npu-smi lists) in both namings. */
class ContainerFamiliesTest {

    static final String A = "a1b2c3d4e5f6" + "0".repeat(52);
    static final String B = "b1b2c3d4e5f6" + "1".repeat(52);
    static final String C = "c1c2c3d4e5f6" + "2".repeat(52);
    static final String POD_UID = "5f1c3a9e-2b7d-4c11-9e0a-7d3b2c1a0f9e";

    @TempDir
    Path node;

    @TempDir
    Path proc;

    private void process(long pid, String cgroup) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("status"), "Name:\tpython3\nUid:\t1000\t1000\t1000\t1000\n");
        Files.writeString(dir.resolve("comm"), "python3\n");
        Files.writeString(dir.resolve("cgroup"), cgroup);
    }

    private Map<Long, ProcessAttribution> owners(NpuSnapshot s) throws IOException {
        Path passwd = Files.writeString(proc.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\n");
        // chip 0/0: both processes in container A; chip 1/0: A and B share it; chip 2/0: a host process
        process(2698909, "0::/system.slice/docker-" + A + ".scope\n");
        process(2701550, "0::/system.slice/docker-" + A + ".scope\n");
        process(2698910, "0::/system.slice/docker-" + A + ".scope\n");
        process(2701551, "0::/kubepods/besteffort/pod0f0e/" + B + "\n");
        process(2701552, "0::/user.slice/user-1000.slice/session-3.scope\n");
        // chip 3/0: both processes in container "trainer" of pod ml-team/llama-0 (cgroupfs kubepods path)
        process(2698912, "0::/kubepods/burstable/pod" + POD_UID + "/" + C + "\n");
        process(2701553, "0::/kubepods/burstable/pod" + POD_UID + "/" + C + "\n");
        Files.createDirectories(node.resolve("var/log/pods/ml-team_llama-0_" + POD_UID + "/trainer"));
        Files.createDirectories(node.resolve("var/log/containers"));
        Files.writeString(node.resolve("var/log/containers/llama-0_ml-team_trainer-" + C + ".log"), "");
        return new ProcessAttributor(proc, passwd, new KubeletPods(node)).attribute(s.processes().stream().map(NpuProcess::pid).toList());
    }

    private static long memoryOf(NpuSnapshot s, long... pids) {
        long sum = 0;
        for (NpuProcess p : s.processes()) {
            for (long pid : pids) {
                sum += p.pid() == pid ? p.memoryMb() : 0;
            }
        }
        return sum;
    }

    @Test
    void default_naming_lists_every_container_on_a_chip_with_its_memory() throws IOException {
        NpuSnapshot s = new NpuSmiBackend(FakeNpuSmi.of("ok", null)).collect(NpuSnapshot.none());
        String t = NamingTest.text(new AccelmonNaming(), s, owners(s));
        assertThat(t).contains("npu_container_info{chip=\"0\",container=\"\",container_id=\"a1b2c3d4e5f6\",id=\"0\","
                        + "namespace=\"\",pod=\"\"} 1.0")
                .contains("npu_container_hbm_used_bytes{chip=\"0\",container_id=\"a1b2c3d4e5f6\",id=\"0\"} "
                        + memoryOf(s, 2698909, 2701550) * 1024.0 * 1024.0)
                .contains("npu_container_info{chip=\"0\",container=\"\",container_id=\"b1b2c3d4e5f6\",id=\"1\"")
                .contains("npu_container_info{chip=\"0\",container=\"\",container_id=\"a1b2c3d4e5f6\",id=\"1\"")
                .doesNotContain("npu_container_info{chip=\"0\",container=\"\",container_id=\"a1b2c3d4e5f6\",id=\"2\"")
                .contains("npu_container_info{chip=\"0\",container=\"trainer\",container_id=\"c1c2c3d4e5f6\",id=\"3\","
                        + "namespace=\"ml-team\",pod=\"llama-0\"} 1.0");
    }

    @Test
    void huawei_naming_labels_a_chip_held_by_one_container_and_serves_container_families() throws IOException {
        NpuSnapshot s = new NpuSmiBackend(FakeNpuSmi.of("ok", null)).collect(NpuSnapshot.none());
        String t = NamingTest.text(new HuaweiNaming("0.1.0"), s, owners(s));
        String chip0 = "container_name=\"a1b2c3d4e5f6\",id=\"0\",model_name=\"910B3-Ascend-V1\",namespace=\"\","
                + "pcie_bus_info=\"0000:C1:00.0\",pod_name=\"\",vdie_id=\"42C711D4-20B03704-4A10C8D4-14CC040A-00002003\"";
        assertThat(t).contains("npu_chip_info_hbm_used_memory{" + chip0 + "} 4487.0")
                .contains("container_npu_used_memory{" + chip0 + "} 4487.0")
                .contains("container_npu_total_memory{" + chip0 + "} 65536.0")
                .contains("container_npu_utilization{" + chip0 + "} 0.0")
                .contains("npu_container_info{containerID=\"a1b2c3d4e5f6\",containerName=\"a1b2c3d4e5f6\","
                        + "container_name=\"a1b2c3d4e5f6\",model_name=\"910B3-Ascend-V1\",namespace=\"\",npuID=\"0\"")
                .contains("npu_chip_info_process_info{container_id=\"a1b2c3d4e5f6\"," + chip0
                        .replace("pod_name=\"\",", "pod_name=\"\",process_id=\"2698909\","));
        assertThat(t).as("a shared chip and a host process's chip belong to no container")
                .doesNotContain("container_npu_used_memory{container_name=\"a1b2c3d4e5f6\",id=\"1\"")
                .contains("npu_chip_info_hbm_used_memory{container_name=\"\",id=\"1\"")
                .contains("npu_chip_info_hbm_used_memory{container_name=\"\",id=\"2\"");
        assertThat(t).as("a chip held by one pod's container carries its pod labels")
                .containsPattern("npu_chip_info_temperature\\{container_name=\"trainer\",id=\"3\",[^}]*namespace=\"ml-team\","
                        + "[^}]*pod_name=\"llama-0\"")
                .containsPattern("npu_container_info\\{containerID=\"c1c2c3d4e5f6\",containerName=\"ml-team_llama-0_trainer\","
                        + "container_name=\"trainer\",[^}]*namespace=\"ml-team\",npuID=\"3\",[^}]*pod_name=\"llama-0\"")
                .containsPattern("container_npu_used_memory\\{container_name=\"trainer\",id=\"3\",[^}]*pod_name=\"llama-0\"");
    }
}
