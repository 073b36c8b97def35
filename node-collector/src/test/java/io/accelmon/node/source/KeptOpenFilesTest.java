package io.accelmon.node.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptOpenFilesTest {

    private static final Path PROC = Path.of("/proc");

    @Test
    void aKeptProcFileIsRenderedAnewOnEveryRead() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Path uptime = PROC.resolve("uptime");
        String first = ProcFiles.read(uptime);
        int open = KeptOpenFiles.openCount();
        String later = first;
        for (int i = 0; i < 50 && later.equals(first); i++) {
            Thread.sleep(20);
            later = ProcFiles.read(uptime);
        }
        assertThat(later).isNotEqualTo(first).matches("[0-9.]+ [0-9.]+\n");
        assertThat(KeptOpenFiles.openCount()).as("the second read reuses the first one's descriptor").isEqualTo(open);
    }

    /** A seq_file returns at most a page of records per read: a short read is not its end. */
    @Test
    void aKeptFileLongerThanOneReadIsReadToItsEndEveryTime() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Path maps = PROC.resolve(ProcessHandle.current().pid() + "/maps");
        String fresh = Files.readString(maps);
        assumeTrue(fresh.length() > 3 * 4096, "a small process map");
        String lastLine = fresh.substring(fresh.lastIndexOf('\n', fresh.length() - 2) + 1);
        for (int i = 0; i < 3; i++) {
            String kept = ProcFiles.read(maps);
            assertThat(kept.length()).isGreaterThan(3 * 4096);
            assertThat(kept).endsWith(lastLine);
        }
    }

    @Test
    void aFileThatWentAwayReadsAsAbsentAsBeforeNotAsItsLastContent() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        Path comm = PROC.resolve(sleeper.pid() + "/comm");
        try {
            assertThat(ProcFiles.read(comm)).isEqualTo("sleep\n");
            assertThat(ProcFiles.read(comm)).isEqualTo("sleep\n");
        } finally {
            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThatThrownBy(() -> ProcFiles.read(comm)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anAttributeThatRefusesToBeReadKeepsItsDescriptorAndStillFails() throws Exception {
        Path speed = Path.of("/sys/class/net/lo/speed");
        assumeTrue(KeptOpenFiles.keepUnder(Path.of("/sys")) && Files.exists(speed), "no sysfs");
        boolean refused;
        try {
            ProcFiles.readAttribute(speed);
            refused = false;
        } catch (java.io.IOException e) {
            refused = true;
        }
        assumeTrue(refused, "this kernel reports a speed for lo");
        int open = KeptOpenFiles.openCount();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ProcFiles.readAttribute(speed)).isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(NoSuchFileException.class);
        }
        assertThat(KeptOpenFiles.openCount()).isEqualTo(open);
    }

    @Test
    void aReadInterruptedOnAKeptFileDoesNotLeaveTheFileFailing() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Path loadavg = PROC.resolve("loadavg");
        ProcFiles.read(loadavg);
        Thread.currentThread().interrupt(); // closes the kept channel on its next read
        try {
            ProcFiles.read(loadavg);
        } catch (java.io.IOException expected) {
            // the ordinary read may be interrupted too
        } finally {
            Thread.interrupted();
        }
        assertThat(ProcFiles.read(loadavg)).matches("[0-9. /]+\n");
        assertThat(ProcFiles.read(loadavg)).matches("[0-9. /]+\n");
    }

    @Test
    void filesOutsideProcfsAndSysfsAreOpenedAnewSoAReplacedFileReadsItsNewContent(@TempDir Path dir) throws Exception {
        assertThat(KeptOpenFiles.keepUnder(dir)).isFalse();
        Path value = dir.resolve("value");
        Files.writeString(value, "1\n");
        assertThat(ProcFiles.read(value)).isEqualTo("1\n");
        Path next = dir.resolve("value.new");
        Files.writeString(next, "2\n");
        Files.move(next, value, StandardCopyOption.ATOMIC_MOVE);
        assertThat(ProcFiles.read(value)).isEqualTo("2\n");
    }

    @Test
    void reopenUnderClosesTheKeptDescriptorsBelowADirectory() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Path self = PROC.resolve(ProcessHandle.current().pid() + "");
        ProcFiles.read(self.resolve("stat"));
        ProcFiles.read(self.resolve("statm"));
        int open = KeptOpenFiles.openCount();
        ProcFiles.reopenUnder(self);
        assertThat(KeptOpenFiles.openCount()).isLessThanOrEqualTo(open - 2);
        assertThat(ProcFiles.read(self.resolve("statm"))).matches("[0-9 ]+\n");
    }

    @Test
    void perProcessReadsKeepNothingOpen() throws Exception {
        assumeTrue(KeptOpenFiles.keepUnder(PROC), "no procfs at /proc");
        Path self = PROC.resolve(ProcessHandle.current().pid() + "");
        ProcFiles.reopenUnder(self);
        int open = KeptOpenFiles.openCount();
        ProcFiles.readProcessFile(self.resolve("status"));
        assertThat(KeptOpenFiles.openCount()).isEqualTo(open);
    }
}
