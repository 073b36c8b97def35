package io.accelmon.provisioning.check;

/** A monitoring service (Prometheus, Alertmanager, Grafana): {@code state} is UP, DOWN or UNKNOWN. */
public record ServiceStatus(String name, String url, State state, String detail) {

    /** UNKNOWN is not a failure: the check cannot see the service from Prometheus. */
    public enum State { UP, DOWN, UNKNOWN }
}
