package io.accelmon.gpu.model;

import java.util.List;

/** Everything one read of the GPU source returned: the driver version, every GPU, every compute process. */
public record GpuSnapshot(String driverVersion, List<GpuDevice> devices, List<GpuProcess> processes) {

    public GpuSnapshot {
        devices = List.copyOf(devices);
        processes = List.copyOf(processes);
    }

    public long lostCount() {
        return devices.stream().filter(GpuDevice::lost).count();
    }
}
