package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.NpuProcess;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which container (and Kubernetes pod) holds which chip, found from the processes holding chip memory, their cgroups
 * and the kubelet's pod directories (exporter-core's process attribution). A chip held by processes of exactly one container belongs to it; a chip shared by several containers
 * (or held from the host) belongs to none. {@code memoryMb} sums the container's processes on the chip.
 */
final class Workloads {

    /** A container on a chip: its short id and, when known, its Kubernetes namespace, pod and container name. */
    record Workload(String containerId, String namespace, String pod, String container, long memoryMb) {

        /** Huawei's {@code containerName}: {@code namespace_pod_container}, or the container id outside Kubernetes. */
        String huaweiName() {
            return pod.isEmpty() ? containerId : namespace + "_" + pod + "_" + container;
        }

        /** Huawei's {@code container_name} label: the Kubernetes container name, else the container id. */
        String containerName() {
            return container.isEmpty() ? containerId : container;
        }
    }

    private final Map<ChipKey, Map<String, Workload>> byChip = new HashMap<>();
    private final Map<ChipKey, Boolean> hostProcess = new HashMap<>();

    Workloads(Iterable<NpuProcess> processes, Map<Long, ProcessAttribution> owners) {
        for (NpuProcess p : processes) {
            ChipKey key = new ChipKey(p.npuId(), p.chipOrZero());
            ProcessAttribution a = owners.getOrDefault(p.pid(), ProcessAttribution.unknown(p.pid()));
            if (a.container().isEmpty()) {
                hostProcess.put(key, true);
                continue;
            }
            byChip.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(a.container(),
                    new Workload(a.container(), a.namespace(), a.pod(), a.podContainer(), p.memoryMb()),
                    (x, y) -> new Workload(x.containerId(), x.namespace(), x.pod(), x.container(),
                            x.memoryMb() + y.memoryMb()));
        }
    }

    /** The containers the given processes run in (host processes left out), by short container id. */
    static Map<String, Workload> containersOf(Iterable<Long> pids, Map<Long, ProcessAttribution> owners) {
        Map<String, Workload> out = new java.util.TreeMap<>();
        for (long pid : pids) {
            ProcessAttribution a = owners.getOrDefault(pid, ProcessAttribution.unknown(pid));
            if (!a.container().isEmpty()) {
                out.putIfAbsent(a.container(), new Workload(a.container(), a.namespace(), a.pod(), a.podContainer(), 0));
            }
        }
        return out;
    }

    /** Every container holding memory on the chip (shared chips list several). */
    Iterable<Workload> on(ChipKey key) {
        return byChip.getOrDefault(key, Map.of()).values();
    }

    /** The one container the chip belongs to, or null (free, host process, or shared). */
    Workload owner(ChipKey key) {
        Map<String, Workload> w = byChip.getOrDefault(key, Map.of());
        return w.size() == 1 && !hostProcess.containsKey(key) ? w.values().iterator().next() : null;
    }
}
