package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import oshi.software.os.OSProcess;

class JobProcessesTest {

    @Test
    void start_ticks_come_back_exactly_from_oshis_millisecond_start_time() {
        long boot = 1_700_000_000L;
        for (long hz : new long[] {100, 250, 300, 1000}) {
            for (long ticks = 0; ticks < 5000; ticks += 7) {
                long oshiMillis = (boot * hz + ticks) * 1000L / hz; // LinuxOSProcess's formula
                assertThat(JobProcesses.startTicks(oshiMillis, boot, hz)).as("hz %d ticks %d", hz, ticks)
                        .isEqualTo(ticks);
            }
        }
    }

    @Test
    void an_unnamed_uid_stays_a_number_like_the_process_attribution() {
        assertThat(JobProcesses.user("unknown", "4242")).isEqualTo("4242");
        assertThat(JobProcesses.user("", "4242")).isEqualTo("4242");
        assertThat(JobProcesses.user("alice", "1000")).isEqualTo("alice");
    }

    @Test
    void oshi_states_map_to_the_seeds_status_words() {
        assertThat(JobProcesses.status(OSProcess.State.SLEEPING)).isEqualTo("running");
        assertThat(JobProcesses.status(OSProcess.State.WAITING)).isEqualTo("running");
        assertThat(JobProcesses.status(OSProcess.State.STOPPED)).isEqualTo("stopped");
        assertThat(JobProcesses.status(OSProcess.State.ZOMBIE)).isEqualTo("zombie");
        assertThat(JobProcesses.status(OSProcess.State.OTHER)).isEqualTo("unknown");
    }
}
