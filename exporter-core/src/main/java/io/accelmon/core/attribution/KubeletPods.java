package io.accelmon.core.attribution;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the pod of a pod UID and container id from the directories the kubelet keeps on every node, under a root
 * ({@code /}, or where the host's filesystem is mounted in a container):
 * <ul>
 * <li>{@code var/log/pods/<namespace>_<pod>_<uid>/<container>/}: namespace and pod of a UID;</li>
 * <li>{@code var/log/containers/<pod>_<namespace>_<container>-<container id>.log}: container name of an id;</li>
 * <li>{@code var/lib/kubelet/pods/<uid>/containers/<container>/}: container name when the pod has only one.</li>
 * </ul>
 * Kubernetes names never contain '_', which makes the separators unambiguous. Listings are cached and re-read when an
 * unknown UID or id is asked for, at most once per second, so a busy node costs a few directory reads per second at
 * most and memory stays bounded by the node's pods.
 */
public final class KubeletPods {

    private static final long RESCAN_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 16_384;
    private static final Pattern POD_LOG_DIR = Pattern.compile("^([a-z0-9.-]+)_([a-z0-9.-]+)_([0-9a-f-]{32,36})$");
    private static final Pattern CONTAINER_LOG = Pattern.compile(
            "^([a-z0-9.-]+)_([a-z0-9.-]+)_([a-z0-9-]+)-([0-9a-f]{12,64})\\.log$");

    private final Path podLogs;
    private final Path containerLogs;
    private final Path kubeletPods;
    private final LongSupplier nanoClock;
    private Map<String, Entry> podsByUid = Map.of();
    private Map<String, KubernetesPod> containerNames = Map.of();
    private long lastScan;
    private boolean scanned;

    private record Entry(String namespace, String pod, Path dir) {
    }

    /** Reads the kubelet's directories under {@code root}. */
    public KubeletPods(Path root) {
        this(root, System::nanoTime);
    }

    KubeletPods(Path root, LongSupplier nanoClock) {
        this.podLogs = root.resolve("var/log/pods");
        this.containerLogs = root.resolve("var/log/containers");
        this.kubeletPods = root.resolve("var/lib/kubelet/pods");
        this.nanoClock = nanoClock;
    }

    /** The pod of {@code podUid}; the container's name from {@code containerId} when the kubelet logged it. */
    public synchronized Optional<KubernetesPod> find(String podUid, String containerId) {
        if (podUid == null || podUid.isEmpty()) {
            return Optional.empty();
        }
        String id = containerId == null ? "" : containerId;
        if (!podsByUid.containsKey(podUid) || (!id.isEmpty() && !containerNames.containsKey(id))) {
            rescanIfDue();
        }
        Entry entry = podsByUid.get(podUid);
        if (entry == null) {
            return Optional.empty();
        }
        KubernetesPod logged = id.isEmpty() ? null : containerNames.get(id);
        // a container log of another pod (a reused or forged id) does not name this one's container
        String container = logged != null && logged.namespace().equals(entry.namespace())
                && logged.pod().equals(entry.pod()) ? logged.container() : "";
        if (container.isEmpty()) {
            container = onlyContainer(entry.dir(), kubeletPods.resolve(podUid).resolve("containers"));
        }
        return Optional.of(new KubernetesPod(entry.namespace(), entry.pod(), container));
    }

    private void rescanIfDue() {
        long now = nanoClock.getAsLong();
        if (scanned && now - lastScan < RESCAN_NANOS) {
            return;
        }
        scanned = true;
        lastScan = now;
        Map<String, Entry> pods = new HashMap<>();
        for (Path dir : list(podLogs)) {
            Matcher m = POD_LOG_DIR.matcher(dir.getFileName().toString());
            if (m.matches() && pods.size() < MAX_ENTRIES) {
                pods.put(m.group(3), new Entry(m.group(1), m.group(2), dir));
            }
        }
        Map<String, KubernetesPod> names = new HashMap<>();
        for (Path log : list(containerLogs)) {
            Matcher m = CONTAINER_LOG.matcher(log.getFileName().toString());
            if (m.matches() && names.size() < MAX_ENTRIES) {
                names.put(m.group(4), new KubernetesPod(m.group(2), m.group(1), m.group(3)));
            }
        }
        podsByUid = pods;
        containerNames = names;
    }

    /** The single container directory of a pod, "" when there are none or several (then the name is ambiguous). */
    private static String onlyContainer(Path... candidates) {
        for (Path parent : candidates) {
            List<Path> dirs = list(parent).stream().filter(Files::isDirectory).toList();
            if (dirs.size() == 1) {
                return dirs.get(0).getFileName().toString();
            }
            if (dirs.size() > 1) {
                return "";
            }
        }
        return "";
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (entries.size() >= MAX_ENTRIES) {
                    break;
                }
                entries.add(p);
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return entries;
    }
}
