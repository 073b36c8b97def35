package io.accelmon.core.attribution;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the container id, Kubernetes pod UID and Slurm job id from the lines of {@code /proc/PID/cgroup} (cgroup v1
 * and v2).
 */
final class CgroupIdentity {

    static final int SHORT_ID_LENGTH = 12;

    // docker-<id>.scope, cri-containerd-<id>.scope, crio-<id>.scope, libpod-<id>.scope (systemd cgroup driver)
    private static final Pattern RUNTIME_SCOPE = Pattern.compile(
            "^(?:docker|cri-containerd|crio|libpod|containerd)-([0-9a-f]{12,64})(?:\\.scope)?$");
    // cgroupfs driver: /docker/<id>, /kubepods/.../pod<uid>/<id>, /libpod_parent/libpod-<id>, /machine.slice/...
    private static final Pattern BARE_ID = Pattern.compile("^[0-9a-f]{64}$");
    // kubepods-burstable-pod<uid with _>.slice (systemd driver), pod<uid> (cgroupfs); static pods have a 32-hex uid
    private static final Pattern POD_UID = Pattern.compile(
            "^(?:kubepods(?:-[a-z]+)*-)?pod([0-9a-f]{8}(?:[-_]?[0-9a-f]{4}){3}[-_]?[0-9a-f]{12})(?:\\.slice)?$");
    private static final Pattern SLURM_JOB = Pattern.compile("^job_(\\d+)$");

    private CgroupIdentity() {
    }

    /** The 12-character short container id, or "" when the process is not in a container. */
    static String container(List<String> cgroupLines) {
        String id = containerFullId(cgroupLines);
        return id.isEmpty() ? "" : id.substring(0, SHORT_ID_LENGTH);
    }

    /** The container id as the runtime wrote it into the path (usually 64 hex characters), or "". */
    static String containerFullId(List<String> cgroupLines) {
        for (String line : cgroupLines) {
            String[] segments = path(line).split("/");
            // the innermost container segment wins (nested runtimes: kubepods -> cri-containerd-<id>.scope)
            for (int i = segments.length - 1; i >= 0; i--) {
                String id = containerId(segments[i].toLowerCase(Locale.ROOT), i > 0 ? segments[i - 1] : "");
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        return "";
    }

    /**
     * The Kubernetes pod UID in its API form ({@code 8-4-4-4-12} hex with dashes, or 32 hex for a static pod), from a
     * path under a {@code kubepods} cgroup; "" outside Kubernetes.
     */
    static String podUid(List<String> cgroupLines) {
        for (String line : cgroupLines) {
            String path = path(line);
            if (!path.contains("kubepods")) {
                continue;
            }
            String[] segments = path.split("/");
            for (int i = segments.length - 1; i >= 0; i--) {
                Matcher m = POD_UID.matcher(segments[i].toLowerCase(Locale.ROOT));
                if (m.matches()) {
                    // the systemd driver escapes '-' in the uid as '_'
                    return m.group(1).replace('_', '-');
                }
            }
        }
        return "";
    }

    /** The Slurm job id from {@code /slurm/uid_N/job_ID/} or {@code job_ID} path segments, or "". */
    static String slurmJob(List<String> cgroupLines) {
        for (String line : cgroupLines) {
            for (String segment : path(line).split("/")) {
                Matcher m = SLURM_JOB.matcher(segment);
                if (m.matches()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }

    private static String containerId(String segment, String parent) {
        Matcher m = RUNTIME_SCOPE.matcher(segment);
        if (m.matches()) {
            return m.group(1);
        }
        if (BARE_ID.matcher(segment).matches() && isContainerParent(parent)) {
            return segment;
        }
        return "";
    }

    private static boolean isContainerParent(String parent) {
        String p = parent.toLowerCase(Locale.ROOT);
        return p.equals("docker") || p.startsWith("pod") || p.contains("kubepods") || p.equals("libpod_parent")
                || p.equals("crio") || p.equals("containerd") || p.equals("actions_job") || p.equals("lxc");
    }

    /** A cgroup line is {@code hierarchy-ID:controllers:path}; the path may itself contain ':'. */
    private static String path(String line) {
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        return second < 0 ? line : line.substring(second + 1);
    }
}
