package io.accelmon.node.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collectors on a fixture /proc tree and on temporary textfile directories. */
class CollectorsTest {

    @TempDir
    Path tmp;

    static String render(List<MetricSnapshot> families) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(families));
        return out.toString(StandardCharsets.UTF_8);
    }

    private ProcFiles fixture() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu  3 0 2 10 0 0 0 0 0 0\ncpu0 250 0 120 1000 30 0 5 1 0 0\n"
                + "btime 1795451653\nctxt 9\nprocesses 7\nprocs_running 2\nprocs_blocked 0\nintr 5 0\n");
        Files.writeString(proc.resolve("loadavg"), "0.50 0.25 0.10 1/100 42\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable: 600 kB\n");
        Path etc = Files.createDirectories(tmp.resolve("root/etc"));
        Files.writeString(etc.resolve("os-release"), "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n");
        return new ProcFiles(proc, tmp.resolve("sys"), tmp.resolve("root"));
    }

    @Test
    void cpuSecondsPerModeInNodeExporterUnits() throws Exception {
        String text = render(new CpuCollector(fixture()).collect());
        assertThat(text).contains("# TYPE node_cpu_seconds_total counter")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 2.5")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10.0")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"steal\"} 0.01")
                .doesNotContain("cpu=\"\"");
    }

    @Test
    void loadStatMemoryAndOs() throws Exception {
        ProcFiles files = fixture();
        assertThat(render(new LoadavgCollector(files).collect())).contains("node_load5 0.25");
        assertThat(render(new StatCollector(files).collect())).contains("node_boot_time_seconds 1.795451653E9")
                .contains("node_forks_total 7.0");
        assertThat(render(new MeminfoCollector(files).collect())).contains("node_memory_MemTotal_bytes 1024000.0")
                .contains("node_memory_MemAvailable_bytes 614400.0");
        assertThat(render(new OsCollector(files).collect()))
                .contains("node_os_info{build_id=\"\",id=\"debian\",id_like=\"\",image_id=\"\",image_version=\"\","
                        + "name=\"Debian GNU/Linux\",pretty_name=\"\",variant=\"\",variant_id=\"\",version=\"\","
                        + "version_codename=\"\",version_id=\"12\"} 1.0")
                .contains("node_os_version{id=\"debian\",id_like=\"\",name=\"Debian GNU/Linux\"} 12.0");
    }

    @Test
    void anUpgradedOsReleaseIsReadAgain() throws Exception {
        ProcFiles files = fixture();
        OsCollector os = new OsCollector(files);
        String version = "node_os_version{id=\"debian\",id_like=\"\",name=\"Debian GNU/Linux\"} ";
        assertThat(render(os.collect())).contains(version + "12.0");
        Path release = files.etc("os-release");
        Files.writeString(release, "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"13\"\n");
        Files.setLastModifiedTime(release, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(release).toMillis() + 60_000));
        assertThat(render(os.collect())).contains(version + "13.0");
    }

    @Test
    void textfileMergesGoodFilesAndFlagsTheBadOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        Files.writeString(dir.resolve("a.prom"), "# TYPE backup_ok gauge\nbackup_ok{db=\"x\"} 1\n");
        Files.writeString(dir.resolve("b.prom"), "# TYPE backup_ok gauge\nbackup_ok{db=\"y\"} 0\n");
        Files.writeString(dir.resolve("ignored.txt"), "not_read 1\n");
        TextfileCollector collector = new TextfileCollector(List.of(dir));
        String good = render(collector.collect());
        assertThat(good).contains("backup_ok{db=\"x\"} 1.0", "backup_ok{db=\"y\"} 0.0", "node_textfile_scrape_error 0.0",
                "node_textfile_mtime_seconds{file=\"" + dir.resolve("a.prom") + "\"}").doesNotContain("not_read");

        Files.writeString(dir.resolve("c.prom"), "this is { not metrics\n");
        String withBad = render(collector.collect());
        assertThat(withBad).contains("backup_ok{db=\"x\"} 1.0", "node_textfile_scrape_error 1.0")
                .doesNotContain("c.prom");
    }

    @Test
    void textfileWithoutDirectoryReportsNoError() throws Exception {
        assertThat(render(new TextfileCollector(List.of()).collect())).contains("node_textfile_scrape_error 0.0")
                .doesNotContain("node_textfile_mtime_seconds");
    }

    @Test
    void usersCollectorOnThisMachine() throws Exception {
        UsersCollector users = new UsersCollector(ProcFiles.host());
        String first = render(users.collect());
        String user = System.getProperty("user.name");
        assertThat(first).contains("accelmon_user_cpu_seconds_total{user=\"" + user + "\"}",
                "accelmon_user_resident_memory_bytes{user=\"" + user + "\"}",
                "accelmon_user_processes{user=\"" + user + "\"}");
    }
}
