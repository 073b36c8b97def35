package io.accelmon.node.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFilesTest {

    /**
     * /proc/sys handlers return EOF to a read that does not start at offset 0, and report size 0: a reader that
     * probes one byte first (Files.readAllBytes does) gets "1" out of "1732\t0\t2466126".
     */
    @Test
    void readsAWholeSysctlFileInOneGo() throws Exception {
        Path fileNr = Path.of("/proc/sys/fs/file-nr");
        if (!Files.isReadable(fileNr)) {
            return; // not Linux
        }
        assertThat(ProcFiles.read(fileNr).trim().split("\t")).hasSize(3);
    }
}
