package io.accelmon.provisioning.check;

import java.util.List;

/** The whole health check: one entry per server plus the monitoring services. */
public record HealthReport(String prometheusUrl, List<ServerHealth> servers, List<ServiceStatus> services) {

    public static final int ALL_UP = 0;
    public static final int SOMETHING_DOWN = 1;

    public boolean allUp() {
        return !servers.isEmpty()
                && servers.stream().allMatch(ServerHealth::allUp)
                && services.stream().noneMatch(s -> s.state() == ServiceStatus.State.DOWN);
    }

    public int exitCode() {
        return allUp() ? ALL_UP : SOMETHING_DOWN;
    }

    public long targetsUp() {
        return servers.stream().flatMap(s -> s.targets().stream()).filter(TargetState::up).count();
    }

    public long targetCount() {
        return servers.stream().mapToLong(s -> s.targets().size()).sum();
    }
}
