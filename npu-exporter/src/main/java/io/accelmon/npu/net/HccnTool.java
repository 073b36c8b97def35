package io.accelmon.npu.net;

import io.accelmon.core.process.ProcessResult;
import io.accelmon.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Runs {@code hccn_tool -i DEVICE -CMD -g} through the process runner (timeout, tree kill), one call at a time. */
public final class HccnTool {

    public static final Path DEFAULT_PATH = Path.of("/usr/local/Ascend/driver/tools/hccn_tool");

    private final Path executable;
    private final Duration timeout;
    private final ProcessRunner runner;
    private final ReentrantLock lock = new ReentrantLock();

    public HccnTool(Path executable, Duration timeout, ProcessRunner runner) {
        this.executable = executable;
        this.timeout = timeout;
        this.runner = runner;
    }

    public Path executable() {
        return executable;
    }

    public ProcessResult query(int device, String command) throws IOException {
        lock.lock();
        try {
            return runner.run(List.of(executable.toString(), "-i", Integer.toString(device), "-" + command, "-g"),
                    timeout);
        } finally {
            lock.unlock();
        }
    }
}
