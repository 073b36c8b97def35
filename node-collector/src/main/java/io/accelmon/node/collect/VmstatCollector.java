package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** node_exporter's vmstat collector: the /proc/vmstat fields {@code --collector.vmstat.fields} selects, untyped. */
public final class VmstatCollector implements SourceCollector {

    /** node_exporter's {@code --collector.vmstat.fields} default. */
    public static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

    private final Path vmstat;
    private final Pattern fields;

    public VmstatCollector(ProcFiles files, Pattern fields) {
        this.vmstat = files.proc("vmstat");
        this.fields = fields;
    }

    @Override
    public String name() {
        return "vmstat";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<MetricSnapshot> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : ProcFiles.read(vmstat).split("\n")) {
            lineNo++;
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String key = line.substring(0, space);
            if (!fields.matcher(key).find()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                throw new IOException(vmstat + ":" + lineNo + ": " + key + ": not a number");
            }
            out.add(Families.untyped("node_vmstat_" + key, "/proc/vmstat information field " + key + ".", value));
        }
        return out;
    }
}
