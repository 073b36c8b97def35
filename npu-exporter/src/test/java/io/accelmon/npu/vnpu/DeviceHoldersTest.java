package io.accelmon.npu.vnpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes holding a real character device (/dev/full stands in for a vNPU's node) in the real /proc; only the
 * device directory is a fixture, with {@code vdavinci100} a link to /dev/full.
 */
public class DeviceHoldersTest {

    @TempDir
    Path dev;

    /** A process that holds /dev/full open on fd 7 until destroyed. */
    public static Process holdingDevFull() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "exec 7</dev/full; exec sleep 60").start();
        Path fd = Path.of("/proc/" + p.pid() + "/fd/7");
        Await.until(Duration.ofSeconds(10), () -> Files.exists(fd), Boolean::booleanValue);
        return p;
    }

    @Test
    void finds_the_processes_holding_a_device_by_its_number() throws Exception {
        Files.createSymbolicLink(dev.resolve("vdavinci100"), Path.of("/dev/full"));
        Files.writeString(dev.resolve("vdavinci101"), "a regular file is no device");
        Process holder = holdingDevFull();
        try {
            Map<String, Set<Long>> held = new DeviceHolders(Path.of("/proc"), dev)
                    .holders(List.of("vdavinci100", "vdavinci101", "vdavinci103"));
            assertThat(held.get("vdavinci100")).contains(holder.pid())
                    .doesNotContain(ProcessHandle.current().pid());
            assertThat(held.get("vdavinci101")).as("not a device").isEmpty();
            assertThat(held.get("vdavinci103")).as("no such node").isEmpty();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void an_unreadable_proc_root_finds_nobody() {
        assertThat(new DeviceHolders(dev.resolve("no-proc"), Path.of("/dev")).holders(List.of("full")).get("full"))
                .isEmpty();
    }
}
