package io.accelmon.provisioning.check;

/** Loads the recorded answers of a three-server Prometheus (hub up, inference's node down, training up). */
final class HealthFixtures {

    private HealthFixtures() {
    }

    static RecordedPrometheus recorded() throws java.io.IOException {
        RecordedPrometheus p = new RecordedPrometheus()
                .answer("/api/v1/targets", "check/targets.json")
                .answer("/api/v1/alertmanagers", "check/alertmanagers-none.json")
                .answerText("/-/ready", "Prometheus Server is Ready.")
                .answer(NodeQuery.UPTIME.expr(), "check/uptime.json")
                .answer(NodeQuery.LOAD1.expr(), "check/load1.json")
                .answer(NodeQuery.LOAD5.expr(), "check/load5.json")
                .answer(NodeQuery.LOAD15.expr(), "check/load15.json")
                .answer(NodeQuery.MEMORY_TOTAL.expr(), "check/memory_total.json")
                .answer(NodeQuery.MEMORY_USED.expr(), "check/memory_used.json");
        return p;
    }
}
