package io.accelmon.gpu.nvml;

/** An NVML call that returned an error code. */
public final class NvmlException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int code;

    public NvmlException(String function, int code, String message) {
        super(function + " returned " + code + " (" + message + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean gpuLost() {
        return code == NvmlReturn.ERROR_GPU_IS_LOST;
    }
}
