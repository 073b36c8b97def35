package io.accelmon.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake node: /proc entries whose cgroup paths point into pods, and the kubelet's directories naming those pods. */
class KubeletPodsTest {

    private static final String TRAIN_UID = "6a1f0c2e-93b4-4d5e-8f70-112233445566";
    private static final String TRAIN_ID = "9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c";
    private static final String SIDECAR_ID = "0011223344556677889900aabbccddeeff00112233445566778899aabbccddee";
    private static final String SERVE_UID = "c0ffee00-1111-2222-3333-444455556666";
    private static final String SERVE_ID = "aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999";
    private static final String STATIC_UID = "5e4d3c2b1a09f8e7d6c5b4a392817060";

    @TempDir
    Path root;
    Path proc;
    AtomicLong clock = new AtomicLong();
    ProcessAttributor attributor;

    @BeforeEach
    void node() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nbob:x:2001:2001::/home/bob:/bin/sh\n");
        // a two-container pod (trainer + sidecar), a one-container pod that logs nothing under var/log/containers,
        // and a static pod
        podLogDir("ml-team", "llama-finetune-0", TRAIN_UID, "trainer", "metrics-sidecar");
        containerLog("llama-finetune-0", "ml-team", "trainer", TRAIN_ID);
        containerLog("llama-finetune-0", "ml-team", "metrics-sidecar", SIDECAR_ID);
        podLogDir("inference", "vllm-7d9f8-xk2lp", SERVE_UID, "vllm");
        Files.createDirectories(root.resolve("var/lib/kubelet/pods/" + SERVE_UID + "/containers/vllm"));
        podLogDir("kube-system", "gpu-check-node1", STATIC_UID, "check");
        attributor = new ProcessAttributor(proc, root.resolve("passwd"), new KubeletPods(root, clock::get));
    }

    private void podLogDir(String namespace, String pod, String uid, String... containers) throws IOException {
        Path dir = root.resolve("var/log/pods/" + namespace + "_" + pod + "_" + uid);
        for (String c : containers) {
            Files.createDirectories(dir.resolve(c));
            Files.writeString(dir.resolve(c).resolve("0.log"), "");
        }
    }

    private void containerLog(String pod, String namespace, String container, String id) throws IOException {
        Path dir = Files.createDirectories(root.resolve("var/log/containers"));
        Files.writeString(dir.resolve(pod + "_" + namespace + "_" + container + "-" + id + ".log"), "");
    }

    private ProcessAttribution process(long pid, String cgroup) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("status"), "Name:\tpython3\nUid:\t2001\t2001\t2001\t2001\n");
        Files.writeString(dir.resolve("comm"), "python3\n");
        Files.writeString(dir.resolve("cgroup"), cgroup);
        return attributor.attribute(pid);
    }

    @Test
    void systemdDriverCgroupV2NamesPodNamespaceAndContainer() throws IOException {
        ProcessAttribution a = process(100, "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                + TRAIN_UID.replace('-', '_') + ".slice/cri-containerd-" + TRAIN_ID + ".scope\n");
        assertThat(a).isEqualTo(new ProcessAttribution(100, "bob", "python3", "", TRAIN_ID.substring(0, 12),
                "ml-team", "llama-finetune-0", "trainer"));
    }

    @Test
    void cgroupfsDriverV1PicksTheContainerById() throws IOException {
        ProcessAttribution a = process(101, "12:pids:/kubepods/besteffort/pod" + TRAIN_UID + "/" + SIDECAR_ID + "\n"
                + "4:devices:/kubepods/besteffort/pod" + TRAIN_UID + "/" + SIDECAR_ID + "\n");
        assertThat(a.namespace()).isEqualTo("ml-team");
        assertThat(a.pod()).isEqualTo("llama-finetune-0");
        assertThat(a.podContainer()).isEqualTo("metrics-sidecar");
    }

    @Test
    void guaranteedQosPodWithOnlyOneContainerDirectory() throws IOException {
        ProcessAttribution a = process(102, "0::/kubepods.slice/kubepods-pod" + SERVE_UID.replace('-', '_')
                + ".slice/crio-" + SERVE_ID + ".scope\n");
        assertThat(a.pod()).isEqualTo("vllm-7d9f8-xk2lp");
        assertThat(a.namespace()).isEqualTo("inference");
        assertThat(a.podContainer()).isEqualTo("vllm");
    }

    @Test
    void staticPodUidWithoutDashes() throws IOException {
        ProcessAttribution a = process(103, "0::/kubepods/pod" + STATIC_UID + "/" + TRAIN_ID + "\n");
        assertThat(a.namespace()).isEqualTo("kube-system");
        assertThat(a.pod()).isEqualTo("gpu-check-node1");
        assertThat(a.podContainer()).isEqualTo("check");
    }

    @Test
    void twoContainersAndNoContainerLogMeansNoContainerName() throws IOException {
        ProcessAttribution a = process(104, "0::/kubepods/pod" + TRAIN_UID + "/" + SERVE_ID + "\n");
        assertThat(a.pod()).isEqualTo("llama-finetune-0");
        assertThat(a.podContainer()).isEmpty();
    }

    @Test
    void podUnknownToTheKubeletKeepsTheRest() throws IOException {
        ProcessAttribution a = process(105, "0::/kubepods/pod99999999-8888-7777-6666-555555555555/" + TRAIN_ID + "\n");
        assertThat(a).isEqualTo(new ProcessAttribution(105, "bob", "python3", "", TRAIN_ID.substring(0, 12)));
    }

    @Test
    void hostProcessAndPodLikeNamesOutsideKubepodsAreNotPods() throws IOException {
        assertThat(process(106, "0::/user.slice/user-2001.slice/session-4.scope\n").pod()).isEmpty();
        assertThat(process(107, "0::/system.slice/pod" + TRAIN_UID + ".service\n").pod()).isEmpty();
    }

    @Test
    void aPodStartedLaterIsFoundOnceTheRescanIsDue() throws IOException {
        String uid = "12345678-9abc-def0-1234-56789abcdef0";
        String cgroup = "0::/kubepods/pod" + uid + "/" + TRAIN_ID + "\n";
        assertThat(process(108, cgroup).pod()).isEmpty();
        podLogDir("ml-team", "late-job", uid, "main");
        clock.addAndGet(100_000_000L);
        assertThat(process(108, cgroup).pod()).as("within the rescan interval").isEmpty();
        clock.addAndGet(1_000_000_000L);
        assertThat(process(108, cgroup).pod()).isEqualTo("late-job");
    }

    @Test
    void missingKubeletDirectoriesYieldNoPod() throws IOException {
        KubeletPods none = new KubeletPods(root.resolve("nowhere"));
        assertThat(none.find(TRAIN_UID, TRAIN_ID)).isEmpty();
        assertThat(none.find("", "")).isEmpty();
    }

    @Test
    void hostileDirectoryNamesAreIgnored() throws IOException {
        Files.createDirectories(root.resolve("var/log/pods/no-separators-here"));
        Files.createDirectories(root.resolve("var/log/pods/a_b_c_" + TRAIN_UID));
        Files.writeString(root.resolve("var/log/containers/garbage.log"), "");
        KubeletPods pods = new KubeletPods(root);
        assertThat(pods.find(TRAIN_UID, TRAIN_ID)).contains(new KubernetesPod("ml-team", "llama-finetune-0", "trainer"));
    }
}
