package io.accelmon.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Recognises the ranks of a distributed job from what a process shows: launcher arguments ({@code torchrun},
 * {@code python -m torch.distributed.run}, {@code deepspeed}, {@code msrun}, {@code mpirun}) and the rank environment
 * ({@link #ENVIRONMENT}, read by {@link ProcFs#rankEnvironment}). Every rank of one job gets the same id because the
 * id is a hash of what the ranks share: the elastic run id, else the master address and port (plus this host's name
 * when that address is loopback, so single-node jobs on two servers differ), the MindSpore scheduler, the HCCL rank
 * table, or the PMIx namespace of an MPI job. Pure: no I/O besides the rank table reader it is given.
 */
public final class DistributedDetector {

    /** The only environment variables the job monitor keeps; every other one is dropped while reading. */
    public static final Set<String> ENVIRONMENT = Set.of(
            "RANK", "LOCAL_RANK", "WORLD_SIZE", "GROUP_RANK", "MASTER_ADDR", "MASTER_PORT", "TORCHELASTIC_RUN_ID",
            "RANK_ID", "RANK_SIZE", "RANK_TABLE_FILE", "MS_SCHED_HOST", "MS_SCHED_PORT", "MS_WORKER_NUM",
            "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMIX_NAMESPACE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE");

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "");

    private final String hostname;
    private final Function<String, String> rankTableDigest;

    /**
     * @param hostname this server's name, added to a loopback master's key
     * @param rankTableDigest a digest of the rank table file's content, or null when it cannot be read
     */
    public DistributedDetector(String hostname, Function<String, String> rankTableDigest) {
        this.hostname = hostname;
        this.rankTableDigest = rankTableDigest;
    }

    /** The process's distributed job, or null when it shows none. */
    public DistributedJob detect(List<String> argv, Map<String, String> env) {
        DistributedJob launcher = launcher(argv);
        return launcher != null ? launcher : worker(env);
    }

    private DistributedJob launcher(List<String> argv) {
        String exe = FrameworkDetector.executable(argv).toLowerCase();
        int from = 1;
        if (exe.startsWith("python") && argv.size() > 2 && argv.get(1).equals("-m")
                && (argv.get(2).equals("torch.distributed.run") || argv.get(2).equals("torch.distributed.launch"))) {
            exe = "torchrun";
            from = 3;
        }
        Map<String, String> a = LauncherArguments.parse(argv.subList(Math.min(from, argv.size()), argv.size()));
        switch (exe) {
            case "torchrun", "deepspeed" -> {
                String runId = a.getOrDefault("rdzv_id", "");
                String endpoint = a.getOrDefault("rdzv_endpoint", "");
                String addr = a.getOrDefault("master_addr", endpoint.contains(":")
                        ? endpoint.substring(0, endpoint.lastIndexOf(':')) : endpoint);
                String port = a.getOrDefault("master_port", endpoint.contains(":")
                        ? endpoint.substring(endpoint.lastIndexOf(':') + 1) : "29500");
                String world = exe.equals("torchrun") ? a.getOrDefault("nnodes", "") : a.getOrDefault("num_nodes", "");
                return job(torchKey(runId, addr, port), "launcher", exe, "", world, a.getOrDefault("node_rank", ""),
                        "arguments");
            }
            case "msrun" -> {
                return job(hostKey("ms", a.getOrDefault("master_addr", ""), a.getOrDefault("master_port", "8118")),
                        "launcher", exe, "", a.getOrDefault("worker_num", ""), a.getOrDefault("node_rank", ""),
                        "arguments");
            }
            default -> {
                return null;
            }
        }
    }

    private DistributedJob worker(Map<String, String> env) {
        String rank = first(env, "RANK", "RANK_ID", "OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK");
        String world = first(env, "WORLD_SIZE", "RANK_SIZE", "MS_WORKER_NUM", "OMPI_COMM_WORLD_SIZE", "PMI_SIZE");
        String node = first(env, "GROUP_RANK");
        if (env.containsKey("TORCHELASTIC_RUN_ID") || env.containsKey("MASTER_ADDR")) {
            return job(torchKey(env.getOrDefault("TORCHELASTIC_RUN_ID", ""), env.getOrDefault("MASTER_ADDR", ""),
                    env.getOrDefault("MASTER_PORT", "")), "worker", "", rank, world, node, "environment");
        }
        if (env.containsKey("MS_SCHED_HOST")) {
            return job(hostKey("ms", env.get("MS_SCHED_HOST"), env.getOrDefault("MS_SCHED_PORT", "")), "worker", "",
                    rank, world, node, "environment");
        }
        if (env.containsKey("RANK_TABLE_FILE")) {
            String file = env.get("RANK_TABLE_FILE");
            String digest = rankTableDigest.apply(file);
            return job("hccl|" + (digest != null ? digest : file), "worker", "", rank, world, node,
                    digest != null ? "rank table content" : "rank table path");
        }
        if (env.containsKey("PMIX_NAMESPACE")) {
            return job("mpi|" + env.get("PMIX_NAMESPACE"), "worker", "", rank, world, node, "environment");
        }
        return null;
    }

    /** An elastic run id names the job; the static "none" (torchrun's default) does not, so the master does. */
    private String torchKey(String runId, String addr, String port) {
        if (!runId.isEmpty() && !runId.equals("none")) {
            return "torch|" + runId;
        }
        return hostKey("torch", addr, port);
    }

    private String hostKey(String kind, String addr, String port) {
        return kind + "|" + addr + ":" + port + (LOOPBACK.contains(addr) ? "|" + hostname : "");
    }

    private static DistributedJob job(String key, String role, String launcher, String rank, String world,
                                      String node, String source) {
        return new DistributedJob(hash(key), role, launcher, rank, world, node, source);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
