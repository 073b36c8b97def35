package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** node_exporter's filefd collector: allocated and maximum file handles from /proc/sys/fs/file-nr. */
public final class FilefdCollector implements SourceCollector {

    private final Path fileNr;

    public FilefdCollector(ProcFiles files) {
        this.fileNr = files.proc("sys/fs/file-nr");
    }

    @Override
    public String name() {
        return "filefd";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        String[] f = ProcFiles.read(fileNr).trim().split("\t");
        if (f.length != 3) {
            throw new IOException(fileNr + ": expected 3 tab-separated fields, got " + f.length);
        }
        return List.of(Families.gauge("node_filefd_allocated", "File descriptor statistics: allocated.",
                        number(f[0])),
                Families.gauge("node_filefd_maximum", "File descriptor statistics: maximum.", number(f[2])));
    }

    private double number(String s) throws IOException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException(fileNr + ": invalid value '" + s + "'");
        }
    }
}
