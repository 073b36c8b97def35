package io.accelmon.gpu.nvml;

/** The {@code nvmlReturn_t} codes the exporter reacts to (nvml.h). */
final class NvmlReturn {

    static final int SUCCESS = 0;
    static final int ERROR_UNINITIALIZED = 1;
    static final int ERROR_NOT_SUPPORTED = 3;
    static final int ERROR_NO_PERMISSION = 4;
    static final int ERROR_NOT_FOUND = 6;
    static final int ERROR_INSUFFICIENT_SIZE = 7;
    static final int ERROR_TIMEOUT = 10;
    static final int ERROR_FUNCTION_NOT_FOUND = 13;
    static final int ERROR_GPU_IS_LOST = 15;
    static final int ERROR_ARGUMENT_VERSION_MISMATCH = 25;

    private NvmlReturn() {
    }
}
