package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.KubernetesPod;
import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Who runs the processes of one snapshot (by pid), and the pod holding each GPU where exactly one pod holds it. */
record Workloads(Map<Long, ProcessAttribution> byPid, Map<Integer, KubernetesPod> podByGpu) {

    static Workloads of(GpuSnapshot snapshot, Map<Long, ProcessAttribution> byPid) {
        Map<Integer, Set<KubernetesPod>> pods = new HashMap<>();
        for (GpuProcess p : snapshot.processes()) {
            ProcessAttribution a = byPid.get(p.pid());
            if (a != null && !a.pod().isEmpty()) {
                pods.computeIfAbsent(p.gpuIndex(), g -> new LinkedHashSet<>())
                        .add(new KubernetesPod(a.namespace(), a.pod(), a.podContainer()));
            }
        }
        Map<Integer, KubernetesPod> single = new HashMap<>();
        pods.forEach((gpu, set) -> {
            if (set.size() == 1) {
                single.put(gpu, set.iterator().next());
            }
        });
        return new Workloads(byPid, single);
    }

    Optional<KubernetesPod> pod(int gpu) {
        return Optional.ofNullable(podByGpu.get(gpu));
    }

    ProcessAttribution who(long pid) {
        return byPid.getOrDefault(pid, ProcessAttribution.unknown(pid));
    }
}
