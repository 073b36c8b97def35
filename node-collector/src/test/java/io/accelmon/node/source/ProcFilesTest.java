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

    @Test
    void anAttributeReadInOneGoEqualsTheWholeFileAndLongFilesStillReadToTheEnd(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path mtu = Path.of("/sys/class/net/lo/mtu");
        if (Files.isReadable(mtu)) {
            assertThat(ProcFiles.readAttribute(mtu)).isEqualTo(ProcFiles.read(mtu)).endsWith("\n");
        }
        String big = "x".repeat(50_000) + "\n";
        Files.writeString(dir.resolve("big"), big);
        assertThat(ProcFiles.readAttribute(dir.resolve("big"))).isEqualTo(big);
        assertThat(ProcFiles.read(dir.resolve("big"))).isEqualTo(big);
        assertThat(new String(ProcFiles.readBytes(dir.resolve("big")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(big);
        Files.writeString(dir.resolve("small"), "42\n");
        assertThat(ProcFiles.read(dir.resolve("small"))).isEqualTo("42\n"); // the thread's buffer is reused
    }
}
