package io.accelmon.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ExporterCommandLineTest {

    @Command(name = "tiny-exporter", version = "tiny-exporter 9.9.9", mixinStandardHelpOptions = true)
    static final class Tiny implements Callable<Integer> {
        @Mixin
        ExporterOptions options;
        Duration seenTimeout;
        RuntimeException toThrow;

        @Override
        public Integer call() {
            seenTimeout = options.collectorTimeout();
            if (toThrow != null) {
                throw toThrow;
            }
            return 0;
        }
    }

    /** No mixinStandardHelpOptions: the command line adds --help itself. */
    @Command(name = "bare")
    static final class Bare implements Callable<Integer> {
        @Mixin
        ExporterOptions options;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownFlagIsExit2WithOneLineNamingIt() {
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--web.listen-adress=:1"}))
                .isEqualTo(2);
        String[] lines = stderr().split("\n");
        assertThat(lines[0]).startsWith("tiny-exporter: ").contains("--web.listen-adress");
        assertThat(lines).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void malformedValuesAreExit2() {
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--collector.timeout=abc"}))
                .isEqualTo(2);
        assertThat(stderr().split("\n")[0]).contains("--collector.timeout").contains("abc");
        err.reset();
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--web.listen-address=9100"}))
                .isEqualTo(2);
        assertThat(stderr().split("\n")[0]).contains("--web.listen-address").contains("HOST:PORT");
        err.reset();
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--log.level=loud"}))
                .isEqualTo(2);
        assertThat(stderr().split("\n")[0]).contains("--log.level");
    }

    @Test
    void helpAndVersionExit0() {
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--web.listen-address").contains("--collector.timeout")
                .contains("--web.config.file").contains("--log.level").contains("--web.telemetry-path");
        out.reset();
        assertThat(ExporterCommandLine.execute("tiny-exporter", new Tiny(), new String[] {"--version"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("9.9.9");
        out.reset();
        assertThat(ExporterCommandLine.execute("bare", new Bare(), new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--web.listen-address");
    }

    @Test
    void helpShowsTheExportersOwnDefaultListenAddress() {
        ExporterIdentity.of("helpful-exporter", "Helpful Exporter", ":9999");
        assertThat(ExporterCommandLine.execute("helpful-exporter", new Tiny(), new String[] {"--help"})).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help.replaceAll("\\s+", " ")).contains("--web.listen-address=HOST:PORT Address to listen on for web"
                + " interface and telemetry (default: :9999).").doesNotContain("null");
        Tiny tiny = new Tiny();
        assertThat(ExporterCommandLine.execute("helpful-exporter", tiny, new String[0])).isZero();
        assertThat(tiny.options.listenAddress(ListenAddress.parse(":1"))).isEqualTo(ListenAddress.parse(":9999"));
        assertThat(ExporterCommandLine.execute("helpful-exporter", tiny, new String[] {"--web.listen-address=:7"}))
                .isZero();
        assertThat(tiny.options.listenAddress(ListenAddress.parse(":1"))).isEqualTo(ListenAddress.parse(":7"));
    }

    @Test
    void valuesReachTheCommand() {
        Tiny tiny = new Tiny();
        assertThat(ExporterCommandLine.execute("tiny-exporter", tiny, new String[] {"--collector.timeout=1m30s"}))
                .isZero();
        assertThat(tiny.seenTimeout).isEqualTo(Duration.ofSeconds(90));
        assertThat(tiny.options.telemetryPath()).isEqualTo("/metrics");
        assertThat(tiny.options.listenAddress(ListenAddress.parse(":9100"))).isEqualTo(ListenAddress.parse(":9100"));
    }

    @Test
    void failuresWhileRunningAreOneLineAndNonZero() {
        Tiny tiny = new Tiny();
        tiny.toThrow = new IllegalStateException("web.yml:3:1: tls_config: unknown field\nsecond line");
        assertThat(ExporterCommandLine.execute("tiny-exporter", tiny, new String[0])).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("tiny-exporter: web.yml:3:1: tls_config: unknown field second line");
        err.reset();
        tiny.toThrow = new ExporterCommandLine.UsageException("bad config");
        assertThat(ExporterCommandLine.execute("tiny-exporter", tiny, new String[0])).isEqualTo(2);
        err.reset();
        tiny.toThrow = new NullPointerException();
        assertThat(ExporterCommandLine.execute("tiny-exporter", tiny, new String[0])).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("tiny-exporter: java.lang.NullPointerException");
    }
}
