package io.accelmon.core.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes accelerator processes to a user, command, Slurm job, container and Kubernetes pod by reading {@code /proc}
 * (and, for a process in a pod, the kubelet's directories through {@link KubeletPods}). Reads only
 * {@code status}, {@code comm}, {@code cmdline}'s first word, {@code cgroup} and the {@code SLURM_JOB_ID} variable of
 * {@code environ}: command arguments and other environment variables may hold secrets and are never exposed. A pid
 * that vanished or cannot be read yields empty fields, never an exception.
 */
public final class ProcessAttributor {

    private static final int MAX_ENVIRON_BYTES = 1 << 20;
    private static final byte[] SLURM_JOB_ID = "SLURM_JOB_ID=".getBytes(StandardCharsets.US_ASCII);

    private final Path procRoot;
    private final PasswdUsers users;
    private final KubeletPods pods;

    /** The host's {@code /proc}, {@code /etc/passwd} and kubelet directories. */
    public ProcessAttributor() {
        this(Path.of("/proc"), Path.of("/etc/passwd"), new KubeletPods(Path.of("/")));
    }

    /** Without Kubernetes pod names. */
    public ProcessAttributor(Path procRoot, Path passwdFile) {
        this(procRoot, passwdFile, null);
    }

    /** {@code pods} may be null: then no pod is named. */
    public ProcessAttributor(Path procRoot, Path passwdFile, KubeletPods pods) {
        this.procRoot = procRoot;
        this.users = new PasswdUsers(passwdFile);
        this.pods = pods;
    }

    public ProcessAttribution attribute(long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        if (pid <= 0 || !Files.isDirectory(dir)) {
            return ProcessAttribution.unknown(pid);
        }
        List<String> cgroup = readLines(dir.resolve("cgroup"));
        String slurmJob = CgroupIdentity.slurmJob(cgroup);
        if (slurmJob.isEmpty()) {
            slurmJob = slurmJobFromEnviron(dir.resolve("environ"));
        }
        ProcessAttribution owner = new ProcessAttribution(pid, user(dir), command(dir), slurmJob,
                CgroupIdentity.container(cgroup));
        if (pods == null) {
            return owner;
        }
        String podUid = CgroupIdentity.podUid(cgroup);
        return pods.find(podUid, CgroupIdentity.containerFullId(cgroup)).map(owner::inPod).orElse(owner);
    }

    /** Attributes every pid; the map keeps the order of {@code pids}. */
    public Map<Long, ProcessAttribution> attribute(Collection<Long> pids) {
        Map<Long, ProcessAttribution> result = new LinkedHashMap<>();
        for (Long pid : pids) {
            if (pid != null) {
                result.computeIfAbsent(pid, this::attribute);
            }
        }
        return result;
    }

    private String user(Path dir) {
        for (String line : readLines(dir.resolve("status"))) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                try {
                    return users.name(Long.parseLong(ids[0]));
                } catch (NumberFormatException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private static String command(Path dir) {
        String comm = readFirstLine(dir.resolve("comm")).strip();
        if (!comm.isEmpty()) {
            return comm;
        }
        // kernel threads and some sandboxes lack comm; argv[0] only, never the arguments
        byte[] cmdline = readBytes(dir.resolve("cmdline"), 4096);
        int end = 0;
        while (end < cmdline.length && cmdline[end] != 0) {
            end++;
        }
        String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
        int slash = argv0.lastIndexOf('/');
        String base = slash >= 0 ? argv0.substring(slash + 1) : argv0;
        int space = base.indexOf(' ');
        return space >= 0 ? base.substring(0, space) : base;
    }

    private static String slurmJobFromEnviron(Path environ) {
        byte[] env = readBytes(environ, MAX_ENVIRON_BYTES);
        int start = 0;
        while (start < env.length) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (startsWith(env, start, end, SLURM_JOB_ID)) {
                String value = new String(env, start + SLURM_JOB_ID.length, end - start - SLURM_JOB_ID.length,
                        StandardCharsets.US_ASCII);
                return value.matches("\\d+(_\\d+)?") ? value : "";
            }
            start = end + 1;
        }
        return "";
    }

    private static boolean startsWith(byte[] data, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String readFirstLine(Path file) {
        List<String> lines = readLines(file);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /** Reads at most {@code max} bytes; /proc files report size 0, so read the stream rather than trusting size. */
    private static byte[] readBytes(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }
}
