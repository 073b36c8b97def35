package io.accelmon.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The HCCL rank table a job names in {@code RANK_TABLE_FILE}: every server of the job holds the same content (the
 * server list), often under the same path for different jobs, so its content, not its path, keys the job. Read once
 * per process, at most {@value #MAX_BYTES} bytes of a regular file.
 */
final class RankTables {

    static final int MAX_BYTES = 1024 * 1024;

    private RankTables() {
    }

    /** 16 hex characters of SHA-256 of the file's content, or null when it is not a readable regular file. */
    static String digest(String path) {
        try {
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(in.readNBytes(MAX_BYTES)), 0, 8);
            }
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** This server's name, for keys whose master address is loopback. */
    static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "" : env;
        }
    }
}
