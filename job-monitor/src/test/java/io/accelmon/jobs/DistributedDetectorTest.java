package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributedDetectorTest {

    private final DistributedDetector detector = new DistributedDetector("trs-01",
            file -> file.equals("/user/config/hccl.json") ? "0123456789abcdef" : null);

    private DistributedJob detect(Map<String, String> env, String... argv) {
        return detector.detect(List.of(argv), env);
    }

    @Test
    void torchrun_launchers_and_their_workers_share_one_id() {
        DistributedJob node0 = detect(Map.of(), "torchrun", "--nnodes=2", "--node_rank=0", "--nproc_per_node", "8",
                "--master_addr", "10.0.0.1", "--master_port", "29500", "train.py", "--lr", "1e-4");
        DistributedJob node1 = detect(Map.of(), "/usr/bin/python3", "-m", "torch.distributed.run", "--nnodes", "2",
                "--node-rank", "1", "--master-addr=10.0.0.1", "--master-port=29500", "train.py");
        DistributedJob worker = detect(Map.of("RANK", "9", "WORLD_SIZE", "16", "GROUP_RANK", "1",
                "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "29500", "TORCHELASTIC_RUN_ID", "none"), "python3", "train.py");
        assertThat(node0.id()).hasSize(16).isEqualTo(node1.id()).isEqualTo(worker.id());
        assertThat(node0).extracting(DistributedJob::role, DistributedJob::launcher, DistributedJob::nodeRank,
                DistributedJob::worldSize).containsExactly("launcher", "torchrun", "0", "2");
        assertThat(node1.nodeRank()).isEqualTo("1");
        assertThat(worker).extracting(DistributedJob::role, DistributedJob::rank, DistributedJob::worldSize,
                DistributedJob::nodeRank).containsExactly("worker", "9", "16", "1");
    }

    @Test
    void an_elastic_run_id_names_the_job_whatever_master_the_workers_got() {
        DistributedJob launcher = detect(Map.of(), "torchrun", "--nnodes=1:4", "--rdzv_id=llama-7", "--rdzv_backend",
                "c10d", "--rdzv_endpoint", "10.0.0.1:29400", "train.py");
        DistributedJob worker = detect(Map.of("RANK", "3", "TORCHELASTIC_RUN_ID", "llama-7",
                "MASTER_ADDR", "10.0.0.7", "MASTER_PORT", "40123"), "python3", "train.py");
        assertThat(worker.id()).isEqualTo(launcher.id());
        assertThat(detect(Map.of("RANK", "3", "TORCHELASTIC_RUN_ID", "llama-8"), "python3", "train.py").id())
                .isNotEqualTo(launcher.id());
    }

    @Test
    void a_loopback_master_is_this_server_only() {
        DistributedJob here = detect(Map.of("RANK", "0", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500"),
                "python3", "train.py");
        DistributedJob there = new DistributedDetector("trs-02", f -> null).detect(List.of("python3", "train.py"),
                Map.of("RANK", "0", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "29500"));
        assertThat(here.id()).isNotEqualTo(there.id());
    }

    @Test
    void deepspeed_msrun_hccl_and_mpi_jobs() {
        assertThat(detect(Map.of(), "deepspeed", "--num_nodes", "2", "--master_addr", "10.0.0.1", "--master_port",
                "29500", "train.py").id())
                .isEqualTo(detect(Map.of("RANK", "1", "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "29500"), "python3",
                        "train.py").id());
        DistributedJob msrun = detect(Map.of(), "msrun", "--worker_num=16", "--local_worker_num=8",
                "--master_addr=10.0.0.1", "--master_port=8118", "--node_rank=1", "train.py");
        DistributedJob msWorker = detect(Map.of("MS_SCHED_HOST", "10.0.0.1", "MS_SCHED_PORT", "8118",
                "MS_WORKER_NUM", "16", "RANK_ID", "12"), "python", "train.py");
        assertThat(msWorker.id()).isEqualTo(msrun.id());
        assertThat(msrun.worldSize()).isEqualTo("16");
        assertThat(msWorker.rank()).isEqualTo("12");
        DistributedJob hccl = detect(Map.of("RANK_TABLE_FILE", "/user/config/hccl.json", "RANK_ID", "5",
                "RANK_SIZE", "16"), "python", "train.py");
        assertThat(hccl).extracting(DistributedJob::rank, DistributedJob::worldSize, DistributedJob::source)
                .containsExactly("5", "16", "rank table content");
        assertThat(detect(Map.of("RANK_TABLE_FILE", "/elsewhere.json", "RANK_ID", "5"), "python", "t.py").source())
                .isEqualTo("rank table path");
        DistributedJob mpi0 = detect(Map.of("PMIX_NAMESPACE", "prterun-hub-4242@1", "OMPI_COMM_WORLD_RANK", "0",
                "OMPI_COMM_WORLD_SIZE", "4"), "python3", "train.py");
        DistributedJob mpi3 = detect(Map.of("PMIX_NAMESPACE", "prterun-hub-4242@1", "PMIX_RANK", "3"), "python3",
                "train.py");
        assertThat(mpi0.id()).isEqualTo(mpi3.id());
        assertThat(mpi3.rank()).isEqualTo("3");
    }

    @Test
    void a_single_process_job_is_not_distributed() {
        assertThat(detect(Map.of(), "python3", "train.py", "--nnodes", "2")).isNull();
        assertThat(detect(Map.of("LOCAL_RANK", "0"), "python3", "serve.py")).isNull();
    }
}
