package io.accelmon.core.http;

/** A web config file that cannot be used; the message names {@code FILE:LINE:COL: field: problem}. */
public final class WebConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WebConfigException(String message) {
        super(message);
    }

    public WebConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
