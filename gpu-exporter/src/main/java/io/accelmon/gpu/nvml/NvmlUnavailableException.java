package io.accelmon.gpu.nvml;

/** NVML cannot be used on this machine: the library is missing, lacks a required symbol, or nvmlInit failed. */
public final class NvmlUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public NvmlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
