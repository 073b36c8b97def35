package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.provisioning.spec.ClusterSpecLoader;
import org.junit.jupiter.api.Test;

class StackPlanTest {

    @Test
    void localClusterGivesThePortsTheStackStarts() throws Exception {
        String plan = StackPlan.plan(ClusterSpecLoader.load(RepoRoot.resolve("examples/local-cluster.yaml")));
        assertThat(plan).contains("PROMETHEUS_PORT=19090\n", "ALERTMANAGER_PORT=19093\n",
                "NODE_PORTS=( 'hub=19100' 'inference=19110' 'training=19120' )\n",
                "GPU_PORTS=( 'training=19835' )\n", "API_PORTS=( 'demo-api=19180' )\n",
                // local-cluster.yaml scrapes with a 4s timeout: exporters give up on a slow source at 3s
                "COLLECTOR_TIMEOUT_FLAG=--collector.timeout=3000ms\n");
    }

    @Test
    void refusesClustersBeyondLoopback() {
        assertThatThrownBy(() -> StackPlan.plan(ClusterSpecLoader.load(RepoRoot.resolve("examples/cluster.yaml"))))
                .hasMessageContaining("only starts loopback clusters");
    }
}
