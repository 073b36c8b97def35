package io.accelmon.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over {@code /proc} finds the AI jobs: processes holding an accelerator (its tool's process table, an open
 * {@code /dev/davinciN} or {@code /dev/nvidiaN}), and processes whose command line, script imports or mapped
 * libraries show a framework. Detection is computed once per process (pid + command line) and cached. Only the jobs
 * found get their process metrics read, through OSHI ({@link JobProcesses}). Jobs that vanish are kept for
 * {@code retention} with their last-seen time.
 */
public final class JobScanner {

    private static final int SCRIPT_BYTES = 64 * 1024;

    private final ProcFs proc;
    private final JobProcesses processes;
    private final FrameworkDetector detector;
    private final Duration retention;
    private final long bootTime;
    private final DistributedDetector distributed;
    private final Map<String, Optional<Detection>> detections = new HashMap<>();
    /** Per detected process (same key as detections): its distributed job (may be null) and parameters. */
    private final Map<String, Shape> shapes = new HashMap<>();

    private record Shape(DistributedJob distributed, JobParameters parameters) {
    }
    private Map<String, Job> jobs = new LinkedHashMap<>();

    public JobScanner(ProcFs proc, JobProcesses processes, FrameworkDetector detector, Duration retention) {
        this(proc, processes, detector, retention,
                new DistributedDetector(RankTables.hostname(), RankTables::digest));
    }

    public JobScanner(ProcFs proc, JobProcesses processes, FrameworkDetector detector, Duration retention,
                      DistributedDetector distributed) {
        this.distributed = distributed;
        this.proc = proc;
        this.processes = processes;
        this.detector = detector;
        this.retention = retention;
        this.bootTime = processes.bootTime();
    }

    /**
     * Scans now; {@code deviceProcesses} come from the accelerator's latest snapshot (any accelerator). Returns present
     * and retained jobs.
     */
    public synchronized List<Job> scan(List<DeviceProcess> deviceProcesses) {
        double now = System.currentTimeMillis() / 1000.0;
        Map<Long, Map<String, Long>> deviceMemory = new HashMap<>();
        for (DeviceProcess p : deviceProcesses) {
            deviceMemory.computeIfAbsent(p.pid(), k -> new LinkedHashMap<>())
                    .merge(p.device(), p.memoryBytes(), Long::sum);
        }
        Map<String, Job> next = new LinkedHashMap<>();
        Set<String> alive = new LinkedHashSet<>();
        for (long pid : proc.pids()) {
            List<String> argv = proc.argv(pid);
            if (argv.isEmpty()) {
                continue;
            }
            // a reused pid runs another command line, so pid + argv identifies the process for detection; the job id
            // below uses the start time, read only for the processes that are jobs
            String key = pid + ":" + argv.hashCode();
            alive.add(key);
            Set<String> devices = new LinkedHashSet<>(proc.devices(pid));
            Map<String, Long> memory = deviceMemory.getOrDefault(pid, Map.of());
            devices.addAll(memory.keySet());
            boolean holds = !devices.isEmpty();
            Optional<Detection> cached = detections.get(key);
            if (cached == null || (cached.isEmpty() && holds)) {
                cached = Optional.ofNullable(detect(pid, argv, holds));
                detections.put(key, cached);
            }
            if (cached.isEmpty()) {
                continue;
            }
            ProcInfo info = processes.read(pid, argv);
            if (info == null) {
                continue;
            }
            String id = jobId(pid, info.startTicks());
            // environ is read once per job process, after it is known to be a job, for the rank variables only
            Shape shape = shapes.computeIfAbsent(key, k -> new Shape(
                    distributed.detect(argv, proc.rankEnvironment(pid)), JobParameters.parse(argv)));
            next.put(id, new Job(id, cached.get(), info, Set.copyOf(devices), Map.copyOf(memory), now, true,
                    shape.distributed(), shape.parameters()));
        }
        detections.keySet().retainAll(alive);
        shapes.keySet().retainAll(alive);
        for (Job old : jobs.values()) {
            if (!next.containsKey(old.id()) && now - old.lastSeenSeconds() < retention.toSeconds()) {
                next.put(old.id(), old.present() ? old.gone() : old);
            }
        }
        jobs = next;
        return List.copyOf(next.values());
    }

    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    private Detection detect(long pid, List<String> argv, boolean holdsDevice) {
        String script = scriptText(pid, argv);
        Detection d = detector.detect(argv, script, "", holdsDevice);
        if (d != null && d.framework().isEmpty() && holdsDevice) {
            Detection withLibs = detector.detect(argv, script, proc.mappedLibraries(pid), true);
            return withLibs != null ? withLibs : d;
        }
        return d;
    }

    /** The first bytes of the Python script a python-like command runs, for its imports; "" if none. */
    private String scriptText(long pid, List<String> argv) {
        String exe = FrameworkDetector.executable(argv).toLowerCase();
        if (!exe.startsWith("python") && !exe.equals("torchrun") && !exe.equals("deepspeed")) {
            return "";
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-m") || a.equals("-c")) {
                return "";
            }
            if (a.endsWith(".py") && !a.startsWith("-")) {
                Path script = Path.of(a);
                if (!script.isAbsolute()) {
                    String cwd = proc.cwd(pid);
                    if (cwd.isEmpty()) {
                        return "";
                    }
                    script = Path.of(cwd).resolve(a);
                }
                try (InputStream in = Files.newInputStream(script)) {
                    return new String(in.readNBytes(SCRIPT_BYTES), StandardCharsets.UTF_8);
                } catch (IOException | RuntimeException e) {
                    return "";
                }
            }
        }
        return "";
    }

    /** Stable for the process's life, different for a reused pid (start time) and after a reboot (boot time). */
    String jobId(long pid, long startTicks) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((pid + ":" + startTicks + ":" + bootTime).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For callers outside the scan: the jobs' pids. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        jobs().forEach(j -> pids.add(j.proc().pid()));
        return pids;
    }
}
