package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.textfile.FamilySnapshots;
import io.accelmon.node.textfile.TextFormat;
import io.accelmon.node.textfile.TextFormat.Family;
import io.accelmon.node.textfile.TextFormat.Sample;
import io.accelmon.node.textfile.TextfileReader;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * node_exporter's textfile collector: merges the {@code *.prom} files of the given directories into the scrape. A file
 * that cannot be read or parsed, or that is not a regular file, is left out and sets {@code node_textfile_scrape_error
 * 1}; so does a family that another collector already serves. The rest is still served, and a file is tried afresh on
 * every scrape. A file's own {@code node_textfile_*} families are ignored: they are this collector's to report.
 */
public final class TextfileCollector implements SourceCollector {

    /** Per-file, per-line and per-scrape caps and the time all files of one scrape may take to read. */
    public record Limits(long maxFileBytes, int maxLineBytes, long maxScrapeBytes, Duration readBudget) {
        /** 1 MiB per file, 64 KiB per line, 2 MiB per scrape, 2 s: within the packaged 16 MiB heap. */
        public static final Limits DEFAULT = new Limits(1 << 20, 64 << 10, 2 << 20, Duration.ofSeconds(2));
    }

    private static final Logger LOG = Logger.getLogger(TextfileCollector.class.getName());
    static final String SCRAPE_ERROR = "node_textfile_scrape_error";
    private static final String SCRAPE_ERROR_HELP = "1 if there was an error opening or reading a file, 0 otherwise";
    private static final String OWN_PREFIX = "node_textfile_";

    private final List<Path> directories;
    private final Limits limits;
    private final TextfileReader reader;
    /** The files each family of the latest read came from, to name them when a family clashes. */
    private volatile Map<String, List<String>> lastSources = Map.of();

    public TextfileCollector(List<Path> directories) {
        this(directories, Limits.DEFAULT);
    }

    public TextfileCollector(List<Path> directories, Limits limits) {
        this.directories = List.copyOf(directories);
        this.limits = limits;
        this.reader = new TextfileReader(limits.maxLineBytes());
    }

    @Override
    public String name() {
        return "textfile";
    }

    @Override
    public List<MetricSnapshot> collect() {
        long deadline = System.nanoTime() + limits.readBudget().toNanos();
        boolean error = false;
        long bytesLeft = limits.maxScrapeBytes();
        Map<String, Double> mtimes = new TreeMap<>();
        Map<String, Family> merged = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Path file : promFiles()) {
            try {
                if (bytesLeft <= 0) {
                    throw new TextfileReader.Skipped("left out: this scrape already read the limit of "
                            + limits.maxScrapeBytes() + " bytes of textfiles");
                }
                TextfileReader.Content content = bytesLeft >= limits.maxFileBytes()
                        ? reader.read(file, limits.maxFileBytes(), "the limit of " + limits.maxFileBytes(), deadline)
                        : reader.read(file, bytesLeft, "the " + bytesLeft + " left of the limit of "
                                + limits.maxScrapeBytes() + " for all textfiles of a scrape", deadline);
                bytesLeft -= content.bytes();
                List<Family> families = new ArrayList<>();
                for (Family f : TextFormat.parse(content.text())) {
                    if (f.name().startsWith(OWN_PREFIX)) {
                        LOG.fine(() -> "textfile " + file + ": ignoring " + f.name() + ", which this collector reports");
                    } else {
                        families.add(f);
                    }
                }
                for (Family f : families) {
                    Family previous = merged.get(f.name());
                    if (previous != null && !previous.type().equals(f.type())) {
                        throw new IllegalArgumentException("metric " + f.name() + " has type " + f.type()
                                + " here but " + previous.type() + " in " + sources.get(f.name()));
                    }
                }
                for (Family f : families) {
                    merged.merge(f.name(), f, TextfileCollector::concat);
                    sources.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(file.toString());
                }
                mtimes.put(file.toString(), content.mtimeSeconds());
            } catch (TextfileReader.Skipped | TextFormat.ParseException | RuntimeException e) {
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
        snapshots.add(Families.gauge(SCRAPE_ERROR, SCRAPE_ERROR_HELP, error ? 1 : 0));
        lastSources = sources;
        return snapshots;
    }

    /** Leaves out, and reports, the families a built-in collector already serves under the same name. */
    @Override
    public List<MetricSnapshot> yieldTo(Set<String> namesOfOthers, List<MetricSnapshot> own) {
        List<MetricSnapshot> kept = new ArrayList<>();
        boolean clash = false;
        for (MetricSnapshot family : own) {
            String name = family.getMetadata().getPrometheusName();
            if (!name.startsWith(OWN_PREFIX) && taken(base(name), namesOfOthers)) {
                clash = true;
                LOG.warning(() -> "textfile metric " + family.getMetadata().getName() + " from "
                        + filesOf(base(name))
                        + " left out: another collector serves a family of that name");
            } else if (!name.equals(SCRAPE_ERROR)) {
                kept.add(family);
            }
        }
        if (!clash) {
            return own;
        }
        kept.add(Families.gauge(SCRAPE_ERROR, SCRAPE_ERROR_HELP, 1));
        return kept;
    }

    private String filesOf(String baseName) {
        return lastSources.entrySet().stream().filter(e -> base(e.getKey()).equals(baseName))
                .flatMap(e -> e.getValue().stream()).distinct().collect(java.util.stream.Collectors.joining(", "));
    }

    /** Whether another collector serves a name whose {@link #base} is {@code base}. */
    private static boolean taken(String base, Set<String> namesOfOthers) {
        return !base.endsWith("_total") && namesOfOthers.contains(base) || namesOfOthers.contains(base + "_total");
    }

    /** Counters are named without {@code _total} in client_java's model; compare names without it. */
    private static String base(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
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
