package io.accelmon.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which exporter of a host reports its jobs: the one holding an exclusive lock on one file. On a host with both the
 * GPU and the NPU exporter a job is then reported once; when the holder stops, the kernel drops its lock and the
 * other exporter takes over at its next scan.
 */
public final class HostClaim {

    public static final Path DEFAULT = Path.of("/run/accelmon/jobs.lock");

    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    public HostClaim(Path file) {
        this.file = file;
    }

    /** The default lock file, or one in the temporary directory where /run/accelmon cannot be made. */
    public static HostClaim standard(Path flag) {
        if (flag != null) {
            return new HostClaim(flag);
        }
        try {
            Files.createDirectories(DEFAULT.getParent());
            if (Files.isWritable(DEFAULT.getParent())) {
                return new HostClaim(DEFAULT);
            }
        } catch (IOException | RuntimeException e) {
            // not root: fall back below
        }
        return new HostClaim(Path.of(System.getProperty("java.io.tmpdir"), "accelmon-jobs.lock"));
    }

    /** Whether this exporter holds the claim, taking it when it is free. */
    public synchronized boolean held() {
        if (lock != null && lock.isValid()) {
            return true;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            lock = channel.tryLock();
            return lock != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }
}
