package io.accelmon.core.attribution;

/**
 * Who owns a process on an accelerator: user name, command name (never its arguments), Slurm job id, short container
 * id and, for a process in a Kubernetes pod, the pod's namespace and name and the container's name in the pod spec. A
 * field is the empty string when unknown.
 */
public record ProcessAttribution(long pid, String user, String command, String slurmJob, String container,
        String namespace, String pod, String podContainer) {

    public ProcessAttribution {
        user = orEmpty(user);
        command = orEmpty(command);
        slurmJob = orEmpty(slurmJob);
        container = orEmpty(container);
        namespace = orEmpty(namespace);
        pod = orEmpty(pod);
        podContainer = orEmpty(podContainer);
    }

    /** A process outside Kubernetes (or whose pod is unknown). */
    public ProcessAttribution(long pid, String user, String command, String slurmJob, String container) {
        this(pid, user, command, slurmJob, container, "", "", "");
    }

    /** The attribution of a pid about which nothing is known (e.g. it exited). */
    public static ProcessAttribution unknown(long pid) {
        return new ProcessAttribution(pid, "", "", "", "");
    }

    /** This attribution placed in a pod. */
    public ProcessAttribution inPod(KubernetesPod where) {
        return new ProcessAttribution(pid, user, command, slurmJob, container, where.namespace(), where.pod(),
                where.container());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
