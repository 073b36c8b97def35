package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysfsDirs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter's edac collector: correctable and uncorrectable memory errors per memory controller, csrow and
 * channel from /sys/devices/system/edac/mc. No controller (no EDAC driver): no series.
 */
public final class EdacCollector implements SourceCollector {

    private final Path mc;

    public EdacCollector(ProcFiles files) {
        this.mc = files.sys().resolve("devices/system/edac/mc");
    }

    @Override
    public String name() {
        return "edac";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        Families.Counter ce = Families.counter("node_edac_correctable_errors_total",
                "Total correctable memory errors.");
        Families.Counter ue = Families.counter("node_edac_uncorrectable_errors_total",
                "Total uncorrectable memory errors.");
        Families.Counter csrowCe = Families.counter("node_edac_csrow_correctable_errors_total",
                "Total correctable memory errors for this csrow.");
        Families.Counter csrowUe = Families.counter("node_edac_csrow_uncorrectable_errors_total",
                "Total uncorrectable memory errors for this csrow.");
        Families.Counter channelCe = Families.counter("node_edac_channel_correctable_errors_total",
                "Total correctable memory errors for this channel.");
        Families.Counter channelUe = Families.counter("node_edac_channel_uncorrectable_errors_total",
                "Total uncorrectable memory errors for this channel.");
        List<Path> controllers = SysfsDirs.numbered(mc, "mc");
        if (controllers.isEmpty()) {
            return List.of();
        }
        for (Path c : controllers) {
            String controller = SysfsDirs.suffix(c, "mc");
            ce.add(SysfsDirs.readLong(c.resolve("ce_count")), "controller", controller);
            csrowCe.add(SysfsDirs.readLong(c.resolve("ce_noinfo_count")), "controller", controller, "csrow",
                    "unknown");
            ue.add(SysfsDirs.readLong(c.resolve("ue_count")), "controller", controller);
            csrowUe.add(SysfsDirs.readLong(c.resolve("ue_noinfo_count")), "controller", controller, "csrow",
                    "unknown");
            for (Path r : SysfsDirs.numbered(c, "csrow")) {
                String csrow = SysfsDirs.suffix(r, "csrow");
                csrowCe.add(SysfsDirs.readLong(r.resolve("ce_count")), "controller", controller, "csrow", csrow);
                csrowUe.add(SysfsDirs.readLong(r.resolve("ue_count")), "controller", controller, "csrow", csrow);
                for (int ch = 0; r.resolve("ch" + ch + "_ce_count").toFile().exists(); ch++) {
                    String label = dimmLabel(r, ch);
                    String channel = Integer.toString(ch);
                    channelCe.add(SysfsDirs.readLong(r.resolve("ch" + ch + "_ce_count")), "controller", controller,
                            "csrow", csrow, "channel", channel, "dimm_label", label);
                    Path chUe = r.resolve("ch" + ch + "_ue_count");
                    if (chUe.toFile().exists()) {
                        channelUe.add(SysfsDirs.readLong(chUe), "controller", controller, "csrow", csrow, "channel",
                                channel, "dimm_label", label);
                    }
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(ce.build(), ue.build(), csrowCe.build(), csrowUe.build()));
        for (MetricSnapshot s : List.of(channelCe.build(), channelUe.build())) {
            if (!s.getDataPoints().isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** node_exporter's normalisation of {@code chN_dimm_label} ("CPU_SrcID#0_MC#0_Chan#0_DIMM#0"). */
    private static String dimmLabel(Path csrow, int channel) {
        try {
            return ProcFiles.read(csrow.resolve("ch" + channel + "_dimm_label")).trim().replace("#", "")
                    .replace("csrow", "_csrow").replace("channel", "_channel");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
