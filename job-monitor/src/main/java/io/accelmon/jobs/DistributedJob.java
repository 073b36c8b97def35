package io.accelmon.jobs;

/**
 * A process's place in a job that runs on several processes or nodes. {@code id} is the same on every rank and on the
 * launchers of one job (16 hex characters of SHA-256 of its rendezvous key); {@code role} is {@code launcher}
 * (torchrun, deepspeed, msrun, mpirun) or {@code worker}; {@code rank}, {@code worldSize} and {@code nodeRank} are ""
 * when the process does not show them. {@code source} says where the key came from (for the job report).
 */
public record DistributedJob(String id, String role, String launcher, String rank, String worldSize, String nodeRank,
                             String source) {
}
