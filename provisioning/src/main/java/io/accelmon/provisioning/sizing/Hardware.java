package io.accelmon.provisioning.sizing;

/** What the cluster file does not say but the series count depends on: devices per server. */
public record Hardware(int cpusPerServer, int gpusPerServer, int npuChipsPerServer) {

    public Hardware {
        if (cpusPerServer < 1 || gpusPerServer < 0 || npuChipsPerServer < 0) {
            throw new IllegalArgumentException("CPUs per server must be at least 1, GPUs and NPU chips at least 0");
        }
    }
}
