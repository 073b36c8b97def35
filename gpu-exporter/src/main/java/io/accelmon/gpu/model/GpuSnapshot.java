package io.accelmon.gpu.model;

import java.util.List;

/**
 * Everything one read of the GPU source returned: the driver version, every GPU, every compute process, and the MIG
 * instances of GPUs in MIG mode.
 */
public record GpuSnapshot(String driverVersion, List<GpuDevice> devices, List<GpuProcess> processes,
                          List<MigInstance> migInstances) {

    public GpuSnapshot {
        devices = List.copyOf(devices);
        processes = List.copyOf(processes);
        migInstances = List.copyOf(migInstances);
    }

    public GpuSnapshot(String driverVersion, List<GpuDevice> devices, List<GpuProcess> processes) {
        this(driverVersion, devices, processes, List.of());
    }

    public long lostCount() {
        return devices.stream().filter(GpuDevice::lost).count();
    }
}
