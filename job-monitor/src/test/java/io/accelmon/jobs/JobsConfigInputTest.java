package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --jobs.config} is read within the same bounds as every other configuration file. */
class JobsConfigInputTest {

    @Test
    void devZeroBinaryAndADirectoryAreRefusedWithTheReason(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> JobsConfig.load(Path.of("/dev/zero"))).isInstanceOf(IOException.class)
                .hasMessage("/dev/zero: is more than the limit of " + JobsConfig.MAX_BYTES + " bytes");
        Path bin = tmp.resolve("jobs.yaml");
        Files.write(bin, new byte[] {'r', 'u', 'l', 'e', 's', ':', ' ', (byte) 0xFE});
        assertThatThrownBy(() -> JobsConfig.load(bin)).hasMessage(bin + ": not UTF-8 text at byte 7");
        assertThatThrownBy(() -> JobsConfig.load(tmp)).hasMessage(tmp + ": is a directory, not a file");
    }

    @Test
    void aSmallConfigStillLoads(@TempDir Path tmp) throws Exception {
        Path ok = tmp.resolve("jobs.yaml");
        Files.writeString(ok, "rules:\n  - {match: 'serve\\.py', framework: vllm, type: inference}\n");
        assertThat(JobsConfig.load(ok).rules()).singleElement().extracting(JobsConfig.Rule::framework)
                .isEqualTo("vllm");
    }
}
