package io.accelmon.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.attribution.ProcessAttributor;
import io.accelmon.gpu.collect.GpuCollector;
import io.accelmon.gpu.collect.SelfMetrics;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.jobs.DeviceProcess;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The job monitor's device memory on a GPU host: the processes of the collector's latest read, as gpu<index>. */
class JobDeviceProcessesTest {

    @Test
    void theLatestReadsProcessesBecomeDeviceProcessesAndAFailedReadDropsThem() throws Exception {
        AtomicReference<GpuSnapshot> next = new AtomicReference<>(new GpuSnapshot("v", List.of(), List.of(
                new GpuProcess(0, "GPU-a", 4242, OptionalLong.of(1L << 30)),
                new GpuProcess(3, "GPU-b", 4242, OptionalLong.of(2048)),
                new GpuProcess(1, "GPU-c", 77, OptionalLong.empty()))));
        GpuSource source = new GpuSource() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public GpuSnapshot read() throws IOException {
                GpuSnapshot s = next.get();
                if (s == null) {
                    throw new IOException("driver gone");
                }
                return s;
            }
        };
        GpuCollector collector = new GpuCollector(source, null, GpuCollector.Naming.DEFAULT, "h", "Hostname",
                new ProcessAttributor(), new SelfMetrics());
        assertThat(collector.lastProcesses()).as("nothing before the first scrape").isEmpty();

        collector.collect();
        assertThat(GpuExporterMain.deviceProcesses(collector.lastProcesses())).containsExactly(
                new DeviceProcess(4242, "gpu0", 1L << 30), new DeviceProcess(4242, "gpu3", 2048),
                new DeviceProcess(77, "gpu1", 0));

        next.set(null);
        assertThatThrownBy(collector::collect).hasMessage("driver gone");
        assertThat(collector.lastProcesses()).as("a failed read leaves no stale device memory").isEmpty();
    }
}
