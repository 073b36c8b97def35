package io.accelmon.provisioning.check;

import java.util.List;

/**
 * One server's block of the health check: {@code name} is the unique server name, {@code role} its group (the
 * {@code server} label). {@code missing} means the cluster file names it but Prometheus scrapes nothing there.
 */
public record ServerHealth(String name, String role, String hostname, String ip, String location, boolean missing,
                           List<TargetState> targets, NodeStats node) {

    /** Reachable when at least one of its exporters answered the last scrape. */
    public boolean reachable() {
        return targets.stream().anyMatch(TargetState::up);
    }

    public boolean allUp() {
        return !missing && !targets.isEmpty() && targets.stream().allMatch(TargetState::up);
    }
}
