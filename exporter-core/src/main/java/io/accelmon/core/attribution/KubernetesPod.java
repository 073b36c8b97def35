package io.accelmon.core.attribution;

/** Where a process runs in Kubernetes: namespace, pod name, and the container's name from the pod spec ("" if unknown). */
public record KubernetesPod(String namespace, String pod, String container) {

    public KubernetesPod {
        namespace = namespace == null ? "" : namespace;
        pod = pod == null ? "" : pod;
        container = container == null ? "" : container;
    }
}
