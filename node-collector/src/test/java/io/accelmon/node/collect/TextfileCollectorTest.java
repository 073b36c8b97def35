package io.accelmon.node.collect;

import static io.accelmon.node.collect.CollectorsTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.accelmon.core.scrape.ScrapeGuard;
import io.accelmon.core.scrape.SourceCollector;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Textfiles a careless or hostile user could leave: none of them holds a scrape, hides an error or floods memory. */
class TextfileCollectorTest {

    private static final Duration NEVER_HANGS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(TextfileCollector.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void good() throws Exception {
        Files.writeString(dir.resolve("good.prom"), "# TYPE backup_ok gauge\nbackup_ok 1\n");
        log.addHandler(capture);
    }

    @AfterEach
    void detach() {
        log.removeHandler(capture);
    }

    private String scrape(TextfileCollector collector) throws Exception {
        return assertTimeoutPreemptively(NEVER_HANGS, () -> render(collector.collect()));
    }

    @Test
    void fifoIsSkippedWithoutOpeningItAndTheNextScrapeRecovers() throws Exception {
        Path fifo = dir.resolve("x.prom");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        TextfileCollector collector = new TextfileCollector(List.of(dir));
        for (int scrape = 0; scrape < 2; scrape++) {
            assertThat(scrape(collector)).contains("backup_ok 1.0", "node_textfile_scrape_error 1.0",
                    "node_textfile_mtime_seconds{file=\"" + dir.resolve("good.prom") + "\"}").doesNotContain("x.prom");
        }
        assertThat(warnings).anyMatch(w -> w.contains(fifo + ": not a regular file (a FIFO)"));
        Files.delete(fifo);
        assertThat(scrape(collector)).contains("backup_ok 1.0", "node_textfile_scrape_error 0.0");
    }

    @Test
    void devicesAndSymlinkLoopsAreSkippedAndReported() throws Exception {
        Files.createSymbolicLink(dir.resolve("zero.prom"), Path.of("/dev/zero"));
        Files.createSymbolicLink(dir.resolve("random.prom"), Path.of("/dev/urandom"));
        Files.createSymbolicLink(dir.resolve("loop.prom"), dir.resolve("loop.prom"));
        Files.createSymbolicLink(dir.resolve("gone.prom"), dir.resolve("missing"));
        Files.createDirectory(dir.resolve("dir.prom"));
        String text = scrape(new TextfileCollector(List.of(dir)));
        assertThat(text).contains("backup_ok 1.0", "node_textfile_scrape_error 1.0");
        assertThat(warnings).anyMatch(w -> w.endsWith("zero.prom: not a regular file (a character device);"
                        + " only regular files are read"))
                .anyMatch(w -> w.contains("random.prom: not a regular file (a character device)"))
                .anyMatch(w -> w.contains("loop.prom: too many levels of symbolic links"))
                .anyMatch(w -> w.contains("gone.prom: a symlink to a missing file"))
                .anyMatch(w -> w.contains("dir.prom: not a regular file (a directory)"));
    }

    @Test
    void aSymlinkToARegularFileIsRead() throws Exception {
        Path elsewhere = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("t.txt"), "linked 2\n");
        Files.createSymbolicLink(dir.resolve("linked.prom"), elsewhere);
        assertThat(scrape(new TextfileCollector(List.of(dir)))).contains("linked 2.0", "node_textfile_scrape_error 0.0");
    }

    @Test
    void oversizedFilesAndLinesAreSkippedBeforeTheyAreRead() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.prom").toFile(), "rw")) {
            big.setLength(50L << 20); // sparse: 50 MiB on paper, nothing on disk
        }
        Files.writeString(dir.resolve("longline.prom"), "# " + "x".repeat(100_000) + "\nlong_ok 1\n");
        String text = scrape(new TextfileCollector(List.of(dir)));
        assertThat(text).contains("backup_ok 1.0", "node_textfile_scrape_error 1.0").doesNotContain("long_ok");
        assertThat(warnings)
                .anyMatch(w -> w.endsWith("big.prom: is 52428800 bytes, more than the limit of 1048576"))
                .anyMatch(w -> w.endsWith("longline.prom: line 1 is 100002 bytes, more than the limit of 65536"));
    }

    @Test
    void filesPastTheScrapeBudgetAreLeftOutAndReported() throws Exception {
        Files.writeString(dir.resolve("z.prom"), "late 1\n");
        TextfileCollector small = new TextfileCollector(List.of(dir),
                new TextfileCollector.Limits(1000, 100, 40, Duration.ofSeconds(5)));
        assertThat(scrape(small)).contains("backup_ok 1.0", "node_textfile_scrape_error 1.0").doesNotContain("late");
        assertThat(warnings).anyMatch(w -> w.endsWith("z.prom: is 7 bytes, more than the 5 left of the limit of 40 for all textfiles of a scrape"));
    }

    @Test
    void aFileCannotHideAnotherFilesErrorNorSetTheCollectorsOwnFamilies() throws Exception {
        Files.writeString(dir.resolve("a-liar.prom"), "node_textfile_scrape_error 0\n"
                + "node_textfile_mtime_seconds{file=\"fake\"} 1\nliar_ok 1\n");
        Files.writeString(dir.resolve("b-broken.prom"), "this is { not metrics\n");
        String text = scrape(new TextfileCollector(List.of(dir)));
        assertThat(text).contains("liar_ok 1.0", "node_textfile_scrape_error 1.0").doesNotContain("fake")
                .containsOnlyOnce("\nnode_textfile_scrape_error ");
        assertThat(warnings).anyMatch(w -> w.contains("b-broken.prom: line 1"));
    }

    @Test
    void aFamilyThatABuiltInCollectorServesIsLeftOutAndFlagged() throws Exception {
        Files.writeString(dir.resolve("clash.prom"), "# TYPE node_load1 gauge\nnode_load1 99\n"
                + "# TYPE node_cpu_seconds_total counter\nnode_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 1\n");
        SourceCollector load = new SourceCollector() {
            @Override
            public String name() {
                return "loadavg";
            }

            @Override
            public List<MetricSnapshot> collect() {
                return List.of(Families.gauge("node_load1", "1m load average.", 0.5),
                        Families.counter("node_cpu_seconds", "Seconds the CPUs spent in each mode.")
                                .add(7, "cpu", "0", "mode", "idle").build());
            }
        };
        ScrapeGuard guard = new ScrapeGuard("node_scrape", Duration.ofSeconds(20))
                .add(load).add(new TextfileCollector(List.of(dir)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, guard.collect());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("node_load1 0.5", "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 7.0",
                "backup_ok 1.0", "node_textfile_scrape_error 1.0").doesNotContain("node_load1 99");
        assertThat(warnings).anyMatch(w -> w.equals("textfile metric node_load1 from " + dir.resolve("clash.prom")
                + " left out: another collector serves a family of that name"))
                .anyMatch(w -> w.startsWith("textfile metric node_cpu_seconds from " + dir.resolve("clash.prom")));
    }

    @Test
    void noClashMeansNoError() throws Exception {
        ScrapeGuard guard = new ScrapeGuard("node_scrape", Duration.ofSeconds(20))
                .add(new TextfileCollector(List.of(dir)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, guard.collect());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup_ok 1.0", "node_textfile_scrape_error 0.0");
    }
}
