package io.accelmon.provisioning.check;

/** A server the cluster file says should exist; {@code name} is what the rendered config puts in {@code server_name}. */
public record ExpectedServer(String name, String role, String hostname, String address) {
}
