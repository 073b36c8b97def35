package io.accelmon.provisioning.sizing;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.ExporterKind;
import io.accelmon.provisioning.spec.ClusterSpec.Server;
import java.util.LinkedHashMap;
import java.util.Map;

/** Estimates what the rendered scrape config will make Prometheus hold, from {@link SeriesCounts}. */
public final class Sizing {

    private Sizing() {
    }

    public static SizingEstimate estimate(ClusterSpec spec, Hardware hw) {
        long node = 0;
        long gpu = 0;
        long npu = 0;
        long recorded = 0;
        int targets = 2; // the hub's own Prometheus and Alertmanager jobs
        for (Server s : spec.servers()) {
            for (ExporterKind kind : s.exporters().keySet()) {
                targets++;
                switch (kind) {
                    case NODE -> {
                        node += SeriesCounts.NODE_BASE + (long) SeriesCounts.NODE_PER_CPU * hw.cpusPerServer();
                        recorded += SeriesCounts.RECORDED_PER_NODE;
                    }
                    case GPU -> {
                        gpu += SeriesCounts.GPU_BASE + (long) SeriesCounts.GPU_PER_GPU * hw.gpusPerServer();
                        recorded += (long) SeriesCounts.RECORDED_PER_GPU * hw.gpusPerServer();
                    }
                    case NPU -> {
                        npu += SeriesCounts.NPU_BASE + (long) SeriesCounts.NPU_PER_CHIP * hw.npuChipsPerServer();
                        recorded += (long) SeriesCounts.RECORDED_PER_CHIP * hw.npuChipsPerServer();
                    }
                }
            }
        }
        int apis = spec.apiServices().size();
        targets += apis;
        recorded += (long) SeriesCounts.RECORDED_PER_API * apis;
        Map<String, Long> by = new LinkedHashMap<>();
        by.put("node-collector", node);
        by.put("gpu-exporter", gpu);
        by.put("npu-exporter", npu);
        by.put("api services", (long) SeriesCounts.API_SERVICE * apis);
        by.put("Prometheus and Alertmanager", (long) SeriesCounts.PROMETHEUS_SELF + SeriesCounts.ALERTMANAGER_SELF);
        by.put("per-target (up, scrape_*)", (long) SeriesCounts.PER_TARGET * targets);
        by.put("recording rules", recorded);
        long scraped = by.values().stream().mapToLong(Long::longValue).sum() - recorded;
        double samples = scraped / spec.intervals().scrape().seconds() + recorded / spec.intervals().evaluation().seconds();
        long total = scraped + recorded;
        int shards = (int) Math.max(1, (total + SeriesCounts.SERIES_PER_PROMETHEUS - 1) / SeriesCounts.SERIES_PER_PROMETHEUS);
        return new SizingEstimate(spec.servers().size(), targets, by, samples,
                Math.round(samples * 86_400 * SeriesCounts.BYTES_PER_SAMPLE), shards);
    }

}
