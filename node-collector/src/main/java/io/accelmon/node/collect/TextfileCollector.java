package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.textfile.FamilySnapshots;
import io.accelmon.node.textfile.TextFormat;
import io.accelmon.node.textfile.TextFormat.Family;
import io.accelmon.node.textfile.TextFormat.Sample;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * node_exporter's textfile collector: merges the {@code *.prom} files of the given directories into the scrape. A file
 * that cannot be read or parsed is left out and sets {@code node_textfile_scrape_error 1}; the rest is still served.
 */
public final class TextfileCollector implements SourceCollector {

    private static final Logger LOG = Logger.getLogger(TextfileCollector.class.getName());

    private final List<Path> directories;

    public TextfileCollector(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    @Override
    public String name() {
        return "textfile";
    }

    @Override
    public List<MetricSnapshot> collect() {
        boolean error = false;
        Map<String, Double> mtimes = new TreeMap<>();
        Map<String, Family> merged = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Path file : promFiles()) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                double mtime = Files.getLastModifiedTime(file).toMillis() / 1000.0;
                List<Family> families = TextFormat.parse(text);
                for (Family f : families) {
                    Family previous = merged.get(f.name());
                    if (previous != null && !previous.type().equals(f.type())) {
                        throw new IllegalArgumentException("metric " + f.name() + " has type " + f.type()
                                + " here but " + previous.type() + " in another file");
                    }
                }
                for (Family f : families) {
                    merged.merge(f.name(), f, TextfileCollector::concat);
                    sources.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(file.toString());
                }
                mtimes.put(file.toString(), mtime);
            } catch (IOException | TextFormat.ParseException | RuntimeException e) {
                error = true;
                LOG.warning(() -> "textfile " + file + ": " + e.getMessage());
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (Family f : merged.values()) {
            try {
                snapshots.add(FamilySnapshots.toSnapshot(f,
                        "Metric read from " + String.join(", ", sources.get(f.name()))));
            } catch (RuntimeException e) {
                error = true;
                LOG.warning(() -> "textfile metric " + f.name() + " from " + sources.get(f.name()) + ": "
                        + e.getMessage());
            }
        }
        if (!mtimes.isEmpty()) {
            Families.Gauge mtime = Families.gauge("node_textfile_mtime_seconds",
                    "Unixtime mtime of textfiles successfully read.");
            mtimes.forEach((file, seconds) -> mtime.add(seconds, "file", file));
            snapshots.add(mtime.build());
        }
        snapshots.add(Families.gauge("node_textfile_scrape_error",
                "1 if there was an error opening or reading a file, 0 otherwise", error ? 1 : 0));
        return snapshots;
    }

    private List<Path> promFiles() {
        List<Path> files = new ArrayList<>();
        for (Path dir : directories) {
            List<Path> inDir = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.prom")) {
                stream.forEach(inDir::add);
            } catch (IOException e) {
                LOG.fine(() -> "textfile directory " + dir + ": " + e);
            }
            inDir.sort(null);
            files.addAll(inDir);
        }
        return files;
    }

    private static Family concat(Family a, Family b) {
        List<Sample> samples = new ArrayList<>(a.samples());
        samples.addAll(b.samples());
        return new Family(a.name(), a.type(), a.help() != null ? a.help() : b.help(), samples);
    }
}
