package io.accelmon.gpu.smi;

/** nvidia-smi printed something that is not the CSV asked for (empty, truncated, garbage). */
public final class SmiParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public SmiParseException(String message) {
        super(message);
    }
}
