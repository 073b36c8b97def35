package io.accelmon.npu.collect;

import io.accelmon.core.process.ProcessRunner;
import io.accelmon.npu.smi.NpuSmi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake npu-smi script (src/test/fake/npu-smi) with a mode and capture. The modes that hang get a 2 s timeout, to
 * keep the tests quick; the others 10 s, since every call forks a few tools, which a loaded machine can hold up.
 */
public final class FakeNpuSmi {

    public static final Path SCRIPT = Path.of("src/test/fake/npu-smi").toAbsolutePath();

    private FakeNpuSmi() {
    }

    public static NpuSmi of(String mode, String capture) {
        Map<String, String> env = new HashMap<>();
        env.put("FAKE_NPU_SMI_MODE", mode);
        if (capture != null) {
            env.put("FAKE_NPU_SMI_CAPTURE", capture);
        }
        Duration timeout = mode.contains("hang") ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
        return new NpuSmi(SCRIPT, timeout, new ProcessRunner(ProcessRunner.DEFAULT_MAX_OUTPUT_BYTES, env));
    }
}
