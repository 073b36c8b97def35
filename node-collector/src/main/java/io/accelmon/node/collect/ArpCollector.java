package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SourceFile;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** node_exporter's arp collector: ARP table entries per interface from /proc/net/arp. */
public final class ArpCollector implements SourceCollector {

    private final Path file;
    private final Pattern include;
    private final Pattern exclude;

    /** @param include {@code --collector.arp.device-include} or null; @param exclude its {@code -exclude} or null */
    public ArpCollector(ProcFiles files, Pattern include, Pattern exclude) {
        this.file = files.proc("net/arp");
        this.include = include;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "arp";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Optional<String> text = SourceFile.readIfPresent(file);
        if (text.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> entries = new TreeMap<>();
        String[] lines = text.get().split("\n");
        for (int i = 1; i < lines.length; i++) { // line 1 is the header
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 6) {
                throw new IOException(file + ":" + (i + 1) + ": " + f.length + " columns, want 6");
            }
            String device = f[5];
            if ((include == null || include.matcher(device).find())
                    && (exclude == null || !exclude.matcher(device).find())) {
                entries.merge(device, 1, Integer::sum);
            }
        }
        Families.Gauge g = Families.gauge("node_arp_entries", "ARP entries by device");
        entries.forEach((device, n) -> g.add(n, "device", device));
        return List.of(g.build());
    }
}
