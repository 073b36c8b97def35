package io.accelmon.provisioning.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.FreePorts;
import io.accelmon.provisioning.check.CommandRun;
import io.accelmon.provisioning.check.RecordedPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {

    static RecordedPrometheus recorded() throws Exception {
        return new RecordedPrometheus()
                .answer(UsageQueries.GPUS_IN_USE, "usage/gpus-in-use.json")
                .answer(UsageQueries.GPU_MEMORY, "usage/gpu-memory.json")
                .answer(UsageQueries.gpuSmBusySeconds(Duration.ofMinutes(3)), "usage/sm-busy.json")
                .answer(UsageQueries.cpuCoreSeconds(Duration.ofMinutes(3)), "usage/cpu.json");
    }

    @Test
    void csvReportFromPrometheus() throws Exception {
        try (RecordedPrometheus p = recorded()) {
            CommandRun run = CommandRun.of("usage", "--prometheus", p.url(), "--from", "1769940000",
                    "--to", "2026-02-01T10:03:00Z", "--prices", PriceListTest.fixture().toString(), "--output", "csv");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("bob,training,TRS,gpu,NVIDIA H100 80GB HBM3,0.016667,536870912,0.500000,0.500000,"
                    + "0.012500,0.016667");
            assertThat(p.calls()).contains("/api/v1/query sum by (server_name, server, hostname, user) "
                    + "(increase(accelmon_user_cpu_seconds_total[3m]))", "/api/v1/query sum by (server_name, server, "
                    + "hostname, user, name) (increase(gpu_user_sm_busy_seconds_total[3m]))");
        }
    }

    @Test
    void badTimesExitTwo() {
        CommandRun bad = CommandRun.of("usage", "--prometheus", "http://127.0.0.1:1", "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("accelmon usage: 'yesterday': not a time");
        CommandRun reversed = CommandRun.of("usage", "--prometheus", "http://127.0.0.1:1", "--from", "now",
                "--to", "-1h");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("is not before --to");
        CommandRun tooFine = CommandRun.of("usage", "--prometheus", "http://127.0.0.1:1", "--from", "-30d",
                "--step", "1s");
        assertThat(tooFine.exitCode()).isEqualTo(2);
        assertThat(tooFine.err()).contains("use a larger --step");
        assertThat(CommandRun.of("usage", "--prometheus", "http://x", "--from", "-1h", "--step", "fast").exitCode())
                .isEqualTo(2);
    }

    @Test
    void unknownPriceKeyExitsTwo(@TempDir Path tmp) throws Exception {
        Path prices = Files.writeString(tmp.resolve("p.yaml"), "prices:\n  - gpu_model: H100\n    price: 1\n");
        CommandRun run = CommandRun.of("usage", "--prometheus", "http://127.0.0.1:1", "--from", "-1h",
                "--prices", prices.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(prices + ": prices[0].price: unknown price key");
    }

    @Test
    void unreachablePrometheusExitsTwo() {
        int port = FreePorts.next();
        CommandRun run = CommandRun.of("usage", "--prometheus", "http://127.0.0.1:" + port, "--from", "-1h");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Prometheus at http://127.0.0.1:" + port);
    }
}
