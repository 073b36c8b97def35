package io.accelmon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.scrape.SourceCollector;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * End to end on the fixture tree: every collector that reads files (not the live clock, uname or statvfs) scraped
 * and compared with the committed {@code fixtures/expected.prom}. Regenerate after a deliberate change with
 * {@code mvn -o -pl node-collector -am test -Dtest=FixtureTreeGoldenTest -Dgolden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FixtureTreeGoldenTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/tree");
    static final Path EXPECTED = Path.of("src/test/resources/fixtures/expected.prom");

    /** Collectors whose values come from the live machine, not the tree. */
    static final List<String> LIVE = List.of("filesystem", "timex", "uname", "textfile");

    /** The time collector's clock readings (its clock sources come from the tree). */
    static final java.util.regex.Pattern LIVE_LINES =
            java.util.regex.Pattern.compile("^node_time_(seconds|zone_offset_seconds)[ {].*");

    @Test
    void fullScrapeMatchesTheCommittedOutput() throws Exception {
        List<String> args = new ArrayList<>(List.of("--path.procfs=" + TREE.resolve("proc"),
                "--path.sysfs=" + TREE.resolve("sys"), "--path.rootfs=" + TREE.resolve("root"),
                "--path.udev.data=" + TREE.resolve("udev"), "--collector.cpu.info", "--collector.cpu.info.flags-include=^(avx.*|amx_tile)$",
                "--collector.cpu.info.bugs-include=spectre.*", "--collector.stat.softirq"));
        LIVE.forEach(c -> args.add("--no-collector." + c));
        NodeCollectorMain main = new NodeCollectorMain();
        new CommandLine(main.commandSpec()).parseArgs(args.toArray(String[]::new));
        StringBuilder actual = new StringBuilder();
        for (SourceCollector c : main.collectors()) {
            List<MetricSnapshot> families = c.collect();
            actual.append("## collector ").append(c.name()).append('\n');
            render(families).lines().filter(l -> !LIVE_LINES.matcher(l).matches())
                    .forEach(l -> actual.append(l).append('\n'));
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(EXPECTED, actual);
        }
        String expected = Files.readString(EXPECTED);
        assertThat(diff(expected, actual.toString())).as("scrape of the fixture tree vs " + EXPECTED
                + " (regenerate with -Dgolden.update=true)").isEmpty();
    }

    static String render(List<MetricSnapshot> families) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(families));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One line per difference: {@code - line} expected but missing, {@code + line} served but not expected. */
    static List<String> diff(String expected, String actual) {
        Set<String> e = new LinkedHashSet<>(expected.lines().toList());
        Set<String> a = new LinkedHashSet<>(actual.lines().toList());
        List<String> out = new ArrayList<>();
        e.stream().filter(l -> !a.contains(l)).forEach(l -> out.add("- " + l));
        a.stream().filter(l -> !e.contains(l)).forEach(l -> out.add("+ " + l));
        return out;
    }
}
