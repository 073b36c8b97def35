package io.accelmon.provisioning.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobHistoryTest {

    private static final Instant TO = Instant.ofEpochSecond(10_000);
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Duration LOST = Duration.ofMinutes(5);

    @Test
    void running_ended_and_lost() {
        assertThat(JobHistory.status(TO, 9_990, 10_000, STEP, LOST)).isEqualTo(JobRecord.Status.running);
        assertThat(JobHistory.status(TO, 9_000, 10_000, STEP, LOST)).as("its exporter kept reporting it")
                .isEqualTo(JobRecord.Status.ended);
        assertThat(JobHistory.status(TO, 9_000, 9_015, STEP, LOST)).as("gone with its exporter, unseen")
                .isEqualTo(JobRecord.Status.lost);
    }

    @Test
    void device_hours_count_only_the_window() {
        JobRecord j = new JobRecord("trs-01", "a", "alice", "torch", "training", "train.py", "1", "", "",
                Instant.ofEpochSecond(0), Instant.ofEpochSecond(7200), JobRecord.Status.ended,
                List.of("npu0", "npu1"), 1, 1, 1);
        assertThat(j.deviceHours(Instant.ofEpochSecond(3600), Instant.ofEpochSecond(100_000))).isEqualTo(2.0);
        assertThat(JobHistory.range(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(JobHistory.range(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
