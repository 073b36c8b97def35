package io.accelmon.jobs;

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
 * The detection pass over {@code /proc}: pids, {@code cmdline}, the {@code fd} links (accelerator devices), {@code cwd}
 * (to find a relative script) and {@code maps}, read for every process before it is known to be a job. A detected
 * job's process metrics come from OSHI ({@link JobProcesses}); of them only the pgid is read here. {@code environ} is
 * read only for a detected job, once, keeping only {@link DistributedDetector#ENVIRONMENT}. A process that vanishes mid-read, or is not ours to read, yields empty values, never an exception.
 */
public final class ProcFs {

    private static final Pattern DEVICE = Pattern.compile("^/dev/(davinci|nvidia)(\\d+)$");
    private static final int MAX_CMDLINE = 64 * 1024;
    private static final int MAX_ENVIRON = 256 * 1024;

    private final Path root;
    private final boolean environment;

    public ProcFs(Path root) {
        this(root, true);
    }

    private ProcFs(Path root, boolean environment) {
        this.root = root;
        this.environment = environment;
    }

    /** This reader, never opening {@code environ} ({@code --no-jobs.rank-environment}). */
    public ProcFs withoutEnvironment() {
        return new ProcFs(root, false);
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

    /**
     * The process group id (field 5 of {@code stat}), or -1. OSHI's {@code OSProcess} has no pgid, so this one field
     * is still read by hand, only for detected jobs.
     */
    public long pgid(long pid) {
        String stat = new String(read(root.resolve(pid + "/stat"), 4096), StandardCharsets.UTF_8);
        int close = stat.lastIndexOf(')');
        String[] f = close < 0 ? new String[0] : stat.substring(close + 1).trim().split("\\s+");
        try {
            return f.length > 2 ? Long.parseLong(f[2]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the process's fd table can be listed. OSHI counts an unreadable table (another user's process) as 0
     * open files; the exporter leaves the metric out instead, so it asks this only when OSHI says 0.
     */
    public boolean fdsReadable(long pid) {
        return Files.isReadable(root.resolve(pid + "/fd"));
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

    /**
     * The rank variables ({@link DistributedDetector#ENVIRONMENT}) of a job's process, from {@code environ} as the
     * process was started; every other variable is dropped while reading and never stored. Empty when the file is
     * not ours to read (another user's process and no CAP_SYS_PTRACE) or the process is gone.
     */
    public java.util.Map<String, String> rankEnvironment(long pid) {
        if (!environment) {
            return java.util.Map.of();
        }
        byte[] raw = read(root.resolve(pid + "/environ"), MAX_ENVIRON);
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                String entry = new String(raw, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                if (eq > 0 && DistributedDetector.ENVIRONMENT.contains(entry.substring(0, eq))) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        return env;
    }

    /** The cwd link, for a script given by a relative path (detection; a job's reported cwd comes from OSHI). */
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

    private static byte[] read(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }
}
