package io.accelmon.npu.smi;

import io.accelmon.core.process.ProcessResult;
import io.accelmon.core.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs npu-smi through the process runner (timeout, tree kill). Huawei forbids concurrent npu-smi calls, so every call
 * takes one lock: at most one npu-smi runs at a time in this exporter.
 */
public final class NpuSmi {

    public static final Path DEFAULT_PATH = Path.of("/usr/local/sbin/npu-smi");

    private final Path executable;
    private final Duration timeout;
    private final ProcessRunner runner;
    private final ReentrantLock lock = new ReentrantLock();

    public NpuSmi(Path executable, Duration timeout, ProcessRunner runner) {
        this.executable = executable;
        this.timeout = timeout;
        this.runner = runner;
    }

    /** The flag's path when given, else {@code /usr/local/sbin/npu-smi}, else {@code npu-smi} on PATH; null if none. */
    public static Path locate(Path flag) {
        if (flag != null) {
            return flag;
        }
        if (Files.isExecutable(DEFAULT_PATH)) {
            return DEFAULT_PATH;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "npu-smi"))) {
                return Path.of(dir, "npu-smi");
            }
        }
        return null;
    }

    public Path executable() {
        return executable;
    }

    public ProcessResult info() throws IOException {
        return run("info");
    }

    /** {@code npu-smi info -t TYPE -i NPU [-c CHIP]}. */
    public ProcessResult report(String type, int npu, Integer chip) throws IOException {
        List<String> args = new ArrayList<>(List.of("info", "-t", type, "-i", Integer.toString(npu)));
        if (chip != null) {
            args.add("-c");
            args.add(Integer.toString(chip));
        }
        return run(args.toArray(String[]::new));
    }

    public ProcessResult run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(List.of(args));
        lock.lock();
        try {
            return runner.run(cmd, timeout);
        } finally {
            lock.unlock();
        }
    }
}
