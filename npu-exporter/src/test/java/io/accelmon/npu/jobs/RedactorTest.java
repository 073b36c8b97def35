package io.accelmon.npu.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void hides_secret_values_and_keeps_the_rest() {
        assertThat(Redactor.redact(List.of("python", "train.py", "--password", "hunter2", "--token=abc",
                "--api-key", "k1", "--secret", "s", "HF_TOKEN=hf_x", "AWS_SECRET=y", "MY_KEY=z", "--lr", "0.1",
                "--keyword", "cat", "--db", "postgres://bob:pw@db/x")))
                .containsExactly("python", "train.py", "--password", "***", "--token=***", "--api-key", "***",
                        "--secret", "***", "HF_TOKEN=***", "AWS_SECRET=***", "MY_KEY=***", "--lr", "0.1",
                        "--keyword", "cat", "--db", "postgres://bob:***@db/x");
    }
}
