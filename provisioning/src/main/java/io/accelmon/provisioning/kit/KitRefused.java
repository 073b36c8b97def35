package io.accelmon.provisioning.kit;

/** The kit directory cannot be written without touching something accelmon does not own; one line says why. */
public final class KitRefused extends Exception {

    public KitRefused(String message) {
        super(message);
    }
}
