package io.accelmon.npu.collect;

/** npu-smi's units to Prometheus base units. */
final class Units {

    static final double MIB = 1024.0 * 1024.0;

    private Units() {
    }

    static double mbToBytes(double mb) {
        return mb * MIB;
    }
}
