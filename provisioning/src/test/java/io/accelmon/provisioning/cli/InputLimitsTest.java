package io.accelmon.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.input.BoundedText;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every file the accelmon command reads is bounded: one line with the reason, exit 2, no stack trace, no hang. */
class InputLimitsTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void devZeroIsRefusedAtTheSizeCapWithoutExhaustingMemory() {
        assertRefused("/dev/zero", "is more than the limit of " + (4L << 20) + " bytes");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoNobodyWritesToTimesOut(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("spec.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertRefused(fifo.toString(), "not a regular file");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoThatDeliversASpecIsRead(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("spec.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] spec = Files.readAllBytes(RenderCommandTest.REPO.resolve("examples/local-cluster.yaml"));
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(spec);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        CommandOutput r = CommandOutput.of("validate", "--cluster", fifo.toString());
        writer.join();
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK (3 servers");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aTenMegabyteScalarIsRefusedBySizeAtOnce(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "cluster:\n  name: \"" + "a".repeat(10_000_000) + "\"\n");
        long t0 = System.nanoTime();
        assertRefused(big.toString(), "is 10000020 bytes, more than the limit of " + (4L << 20));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
    }

    @Test
    void binaryInputNamesTheFirstBadByte(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("cluster.yaml");
        Files.write(bin, new byte[] {'c', 'l', 'u', 's', 't', 'e', 'r', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertRefused(bin.toString(), "not UTF-8 text at byte 9");
        Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0});
        assertRefused(bin.toString(), "not UTF-8 text at byte 7 (a NUL byte: binary data)");
    }

    @Test
    void aDirectoryAndAMissingFileSayWhat(@TempDir Path tmp) {
        assertRefused(tmp.toString(), "is a directory, not a file");
        assertRefused(tmp.resolve("none.yaml").toString(), "no such file");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied(@TempDir Path tmp) throws Exception {
        assertThat(BoundedText.reason(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        Path spec = tmp.resolve("cluster.yaml");
        Files.writeString(spec, "servers: []\n");
        assertThat(spec.toFile().setReadable(false, false)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(spec), "running as root");
        assertRefused(spec.toString(), "permission denied");
    }

    @Test
    void thePriceListIsBoundedTheSameWay(@TempDir Path tmp) throws Exception {
        Path prices = tmp.resolve("prices.yaml");
        Files.write(prices, new byte[] {'p', 'r', 'i', 'c', 'e', 's', ':', (byte) 0xFF});
        CommandOutput r = CommandOutput.of("usage", "--prices", prices.toString(),
                "--prometheus", "http://127.0.0.1:1", "--from", "-1h");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains(prices + ": not UTF-8 text at byte 7").doesNotContain("\tat ");
    }

    private static void assertRefused(String file, String reason) {
        for (String cmd : new String[] {"validate", "render"}) {
            CommandOutput r = cmd.equals("validate")
                    ? CommandOutput.of("validate", "--cluster", file)
                    : CommandOutput.of("render", "--cluster", file, "--out", file + ".kit-never");
            assertThat(r.rc()).as(cmd + " " + file).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(cmd).singleElement().asString()
                    .startsWith(file + ":1:1: (file): " + reason);
            assertThat(Path.of(file + ".kit-never")).doesNotExist();
        }
    }
}
