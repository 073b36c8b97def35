package io.accelmon.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessAttributorTest {

    private static final String HEX = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    @TempDir
    Path tmp;
    Path proc;
    ProcessAttributor attributor;

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(tmp.resolve("proc"));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, """
                root:x:0:0:root:/root:/bin/bash
                # a comment
                alice:x:1001:1001:Alice:/home/alice:/bin/bash
                +nis::::::
                """);
        attributor = new ProcessAttributor(proc, passwd);
    }

    private void process(long pid, int uid, String comm, String cgroup) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nUmask:\t0022\nState:\tS (sleeping)\n"
                + "Uid:\t" + uid + "\t" + (uid + 5) + "\t" + (uid + 5) + "\t" + (uid + 5) + "\nGid:\t0\t0\t0\t0\n");
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Files.write(dir.resolve("cmdline"), ("/usr/bin/" + comm + "\0--token=s3cret\0").getBytes(StandardCharsets.UTF_8));
    }

    private String containerOf(String cgroup) throws IOException {
        process(4242, 0, "python3", cgroup);
        return attributor.attribute(4242).container();
    }

    @Test
    void userFromRealUidThroughPasswd() throws IOException {
        process(100, 1001, "python3", "0::/user.slice/user-1001.slice/session-3.scope\n");
        ProcessAttribution a = attributor.attribute(100);
        assertThat(a).isEqualTo(new ProcessAttribution(100, "alice", "python3", "", ""));
    }

    @Test
    void unknownUidIsTheNumber() throws IOException {
        process(101, 4711, "train", "0::/\n");
        assertThat(attributor.attribute(101).user()).isEqualTo("4711");
    }

    @Test
    void commandNeverCarriesArguments() throws IOException {
        process(102, 0, "python3", "0::/\n");
        Files.delete(proc.resolve("102/comm"));
        ProcessAttribution a = attributor.attribute(102);
        assertThat(a.command()).isEqualTo("python3");
        assertThat(a.toString()).doesNotContain("s3cret");
    }

    @Test
    void dockerCgroupV2SystemdDriver() throws IOException {
        assertThat(containerOf("0::/system.slice/docker-" + HEX + ".scope\n")).isEqualTo(HEX.substring(0, 12));
    }

    @Test
    void dockerCgroupV1CgroupfsDriver() throws IOException {
        assertThat(containerOf("""
                12:pids:/docker/%s
                11:memory:/docker/%s
                1:name=systemd:/docker/%s
                """.formatted(HEX, HEX, HEX))).isEqualTo("3f2a9c1b7d4e");
    }

    @Test
    void containerdCriUnderKubepodsSlice() throws IOException {
        assertThat(containerOf("0::/kubepods.slice/kubepods-burstable.slice/"
                + "kubepods-burstable-pod1b2c3d4e_5f60_7182_93a4_b5c6d7e8f90a.slice/cri-containerd-" + HEX + ".scope\n"))
                .isEqualTo("3f2a9c1b7d4e");
    }

    @Test
    void kubepodsCgroupfsDriverV1() throws IOException {
        assertThat(containerOf("4:devices:/kubepods/besteffort/pod1b2c3d4e-5f60-7182-93a4-b5c6d7e8f90a/" + HEX + "\n"))
                .isEqualTo("3f2a9c1b7d4e");
    }

    @Test
    void crioAndPodman() throws IOException {
        assertThat(containerOf("0::/kubepods.slice/kubepods-pod1.slice/crio-" + HEX + ".scope\n"))
                .isEqualTo("3f2a9c1b7d4e");
        assertThat(containerOf("0::/machine.slice/libpod-" + HEX + ".scope/container\n")).isEqualTo("3f2a9c1b7d4e");
    }

    @Test
    void noContainerOnAHost() throws IOException {
        assertThat(containerOf("0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
                + "app-gnome-org.gnome.Terminal.slice/vte-spawn-" + HEX.substring(0, 36) + ".scope\n")).isEmpty();
    }

    @Test
    void slurmJobFromCgroupV1AndV2() throws IOException {
        process(200, 1001, "srun", "4:devices:/slurm/uid_1001/job_84213/step_0/task_0\n");
        assertThat(attributor.attribute(200).slurmJob()).isEqualTo("84213");
        process(201, 1001, "python3", "0::/system.slice/slurmstepd.scope/job_99/step_batch/user/task_0\n");
        assertThat(attributor.attribute(201).slurmJob()).isEqualTo("99");
    }

    @Test
    void slurmJobFromEnvironOnlyThatVariable() throws IOException {
        process(300, 1001, "python3", "0::/user.slice\n");
        Files.write(proc.resolve("300/environ"),
                "HOME=/home/alice\0API_KEY=topsecret\0SLURM_JOB_ID=5551\0SLURM_JOB_IDX=9\0".getBytes(StandardCharsets.UTF_8));
        ProcessAttribution a = attributor.attribute(300);
        assertThat(a.slurmJob()).isEqualTo("5551");
        assertThat(a.toString()).doesNotContain("topsecret").doesNotContain("HOME");
    }

    @Test
    void vanishedPidYieldsEmptyFields() {
        assertThat(attributor.attribute(999_999)).isEqualTo(ProcessAttribution.unknown(999_999));
    }

    @Test
    void unreadableFilesYieldEmptyFields() throws IOException {
        Files.createDirectories(proc.resolve("400"));
        assertThat(attributor.attribute(400)).isEqualTo(new ProcessAttribution(400, "", "", "", ""));
    }

    @Test
    void bulkKeepsOrderAndIncludesVanished() throws IOException {
        process(10, 0, "a", "0::/\n");
        process(11, 1001, "b", "0::/\n");
        Map<Long, ProcessAttribution> all = attributor.attribute(List.of(11L, 77L, 10L));
        assertThat(all.keySet()).containsExactly(11L, 77L, 10L);
        assertThat(all.get(11L).user()).isEqualTo("alice");
        assertThat(all.get(77L)).isEqualTo(ProcessAttribution.unknown(77));
        assertThat(all.get(10L).user()).isEqualTo("root");
    }

    @Test
    void realProcForThisJvm() {
        long pid = ProcessHandle.current().pid();
        ProcessAttribution a = new ProcessAttributor().attribute(pid);
        assertThat(a.pid()).isEqualTo(pid);
        assertThat(a.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(a.command()).isNotEmpty().doesNotContain(" ");
    }
}
