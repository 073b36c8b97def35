package io.accelmon.npu.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads processes straight from {@code /proc}: {@code stat}, {@code status}, {@code cmdline}, the {@code fd} links and
 * {@code cwd}. Never reads {@code environ}. A process that vanishes mid-read, or is not ours to read, yields empty
 * values, never an exception.
 */
public final class ProcFs {

    static final double CLOCK_TICKS = 100.0; // USER_HZ is 100 on every Linux ABI the exporter runs on
    private static final Pattern DEVICE = Pattern.compile("^/dev/(davinci|nvidia)(\\d+)$");
    private static final int MAX_CMDLINE = 64 * 1024;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public ProcFs() {
        this(Path.of("/proc"));
    }

    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /** argv from {@code cmdline}; empty for kernel threads and vanished processes. */
    public List<String> argv(long pid) {
        byte[] raw = read(root.resolve(pid + "/cmdline"), MAX_CMDLINE);
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return argv;
    }

    /** The full record, or null when the process is gone. */
    public ProcInfo info(long pid, List<String> argv) {
        String stat = new String(read(root.resolve(pid + "/stat"), 4096), StandardCharsets.UTF_8);
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        if (f.length < 22) {
            return null;
        }
        try {
            long rssKb = 0;
            int threads = Integer.parseInt(f[17]);
            for (String line : new String(read(root.resolve(pid + "/status"), 16384), StandardCharsets.UTF_8)
                    .split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
            return new ProcInfo(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), stat.substring(open + 1, close),
                    f[0].charAt(0), List.copyOf(argv), Long.parseLong(f[19]), cpu, rssKb * 1024, threads);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Open file descriptors, or -1 when not readable. */
    public int openFds(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(pid + "/fd"))) {
            int n = 0;
            for (Path ignored : fds) {
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Accelerator devices the process has open: {@code npu0} for /dev/davinci0, {@code gpu1} for /dev/nvidia1. */
    public Set<String> devices(long pid) {
        Set<String> devices = new LinkedHashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher m = DEVICE.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        devices.add((m.group(1).equals("davinci") ? "npu" : "gpu") + m.group(2));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // fd closed between listing and reading
                }
            }
        } catch (IOException | RuntimeException e) {
            return devices;
        }
        return devices;
    }

    public String cwd(long pid) {
        try {
            return Files.readSymbolicLink(root.resolve(pid + "/cwd")).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The names of the shared libraries mapped by the process (for framework detection of device holders). */
    public String mappedLibraries(long pid) {
        return new String(read(root.resolve(pid + "/maps"), 4 * 1024 * 1024), StandardCharsets.UTF_8);
    }

    /** Boot time in epoch seconds ({@code btime} of {@code /proc/stat}). */
    public long bootTime() {
        for (String line : new String(read(root.resolve("stat"), 1 << 20), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return 0;
    }

    private static byte[] read(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }
}
