package io.accelmon.gpu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.testing.Await;
import io.accelmon.gpu.collect.SelfMetrics;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.testing.Samples;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Recovery without restart: background re-selection while there is no backend, re-probe of a failing one. */
class BackendSupervisorTest {

    /** A backend named like nvidia-smi whose reads succeed or fail on demand. */
    private static final class Switchable implements GpuSource {
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public String name() {
            return "nvidia-smi";
        }

        @Override
        public GpuSnapshot read() throws IOException {
            if (failing.get()) {
                throw new IOException("nvidia-smi exited 9");
            }
            return new GpuSnapshot("580", List.of(), List.of());
        }
    }

    private static BackendSelection.Selected of(GpuSource source) {
        return new BackendSelection.Selected(Optional.ofNullable(source), () -> { });
    }

    private static Map<String, Double> self(SelfMetrics self) {
        return Samples.of(self.collect().stream().toList());
    }

    private static void await(BooleanSupplier condition) throws Exception {
        assertThat(Await.until(Duration.ofSeconds(15), condition::getAsBoolean, Boolean::booleanValue))
                .as("condition within 15 s").isTrue();
    }

    @Test
    void noBackendAtStartIsRetriedInTheBackgroundUntilOneAnswers() throws Exception {
        Switchable smi = new Switchable();
        AtomicReference<GpuSource> answer = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        SelfMetrics self = new SelfMetrics();
        BackendSupervisor supervisor = new BackendSupervisor(quiet -> {
            attempts.incrementAndGet();
            return of(answer.get());
        }, self);
        try {
            assertThat(supervisor.present()).isFalse();
            assertThat(self(self)).containsEntry("gpu_exporter_backend_up{backend=\"none\"}", 0.0);
            assertThatThrownBy(supervisor::read).isInstanceOf(IOException.class);
            await(() -> attempts.get() >= 2); // the first retry after ~1 s, still nothing
            assertThat(supervisor.present()).isFalse();

            answer.set(smi); // nvidia-smi healthy again
            await(supervisor::present);
            assertThat(supervisor.name()).isEqualTo("nvidia-smi");
            assertThat(supervisor.read().driverVersion()).isEqualTo("580");
            assertThat(self(self)).containsEntry("gpu_exporter_backend_up{backend=\"nvidia-smi\"}", 1.0)
                    .containsEntry("gpu_exporter_backend_transitions_total{from=\"none\",to=\"nvidia-smi\"}", 1.0);
        } finally {
            supervisor.close();
        }
    }

    @Test
    void aBackendFailingThreeReadsIsProbedAgainAndReplacedOrDropped() throws Exception {
        Switchable first = new Switchable();
        Switchable second = new Switchable();
        AtomicReference<GpuSource> answer = new AtomicReference<>(first);
        SelfMetrics self = new SelfMetrics();
        BackendSupervisor supervisor = new BackendSupervisor(quiet -> of(answer.get()), self);
        try {
            supervisor.read();
            first.failing.set(true);
            for (int i = 0; i < BackendSupervisor.FAILURES_BEFORE_REPROBE; i++) {
                assertThatThrownBy(supervisor::read).isInstanceOf(IOException.class);
            }
            // the probe finds nothing: the backend is dropped and the exporter says so
            answer.set(null);
            assertThatThrownBy(supervisor::read).hasMessageContaining("no backend answers a new probe");
            assertThat(supervisor.present()).isFalse();
            assertThat(self(self)).containsEntry("gpu_exporter_backend_up{backend=\"none\"}", 0.0)
                    .containsEntry("gpu_exporter_backend_transitions_total{from=\"nvidia-smi\",to=\"none\"}", 1.0);

            // then the background retry brings a working one back
            answer.set(second);
            await(supervisor::present);
            assertThat(supervisor.read().devices()).isEmpty();
            assertThat(self(self)).containsEntry("gpu_exporter_backend_up{backend=\"nvidia-smi\"}", 1.0)
                    .containsEntry("gpu_exporter_backend_transitions_total{from=\"none\",to=\"nvidia-smi\"}", 1.0);

            // a failing backend whose probe answers again is simply replaced (same name: no transition)
            second.failing.set(true);
            for (int i = 0; i < BackendSupervisor.FAILURES_BEFORE_REPROBE; i++) {
                assertThatThrownBy(supervisor::read).isInstanceOf(IOException.class);
            }
            Switchable third = new Switchable();
            answer.set(third);
            assertThat(supervisor.read().driverVersion()).isEqualTo("580");
            assertThat(self(self)).containsEntry("gpu_exporter_backend_transitions_total{from=\"none\",to=\"nvidia-smi\"}",
                    1.0);
        } finally {
            supervisor.close();
        }
    }
}
