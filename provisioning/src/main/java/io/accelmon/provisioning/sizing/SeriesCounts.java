package io.accelmon.provisioning.sizing;

/**
 * Series each source serves, counted on the real exporters (provisioning/sizing/measure-series.sh: the built jars on
 * loopback, fake nvidia-smi/npu-smi replaying real captures; per-device figures are the difference between two device
 * counts). The README's "Sizing" section gives the run these numbers come from.
 */
final class SeriesCounts {

    /** node-collector with its default collectors, apart from the per-CPU series. */
    static final int NODE_BASE = 438;
    /** node-collector series per CPU (node_cpu_seconds_total's eight modes, guest time, frequency, …). */
    static final int NODE_PER_CPU = 13;
    static final int GPU_BASE = 9;
    static final int GPU_PER_GPU = 33;
    static final int NPU_BASE = 46;
    static final int NPU_PER_CHIP = 23;
    /** An API service instrumented with api-exporter-lib (the demo API after traffic on its routes and models). */
    static final int API_SERVICE = 101;
    /** The hub Prometheus scraping itself. */
    static final int PROMETHEUS_SELF = 295;
    /** The hub Alertmanager. */
    static final int ALERTMANAGER_SELF = 258;
    /** up, scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling, scrape_series_added. */
    static final int PER_TARGET = 5;
    /** The kit's recording rules: series per node target, per GPU, per NPU chip, per API service. */
    static final int RECORDED_PER_NODE = 8;
    static final int RECORDED_PER_GPU = 3;
    static final int RECORDED_PER_CHIP = 1;
    static final int RECORDED_PER_API = 4;

    /**
     * Past this many active series one Prometheus needs more than ~8 GiB of memory for its head block alone (a few KiB
     * per series with labels and index): the point where the kit recommends another shard.
     */
    static final long SERIES_PER_PROMETHEUS = 1_000_000;
    /** Compressed bytes per sample on disk; Prometheus' storage documentation gives 1-2, this takes the upper end. */
    static final double BYTES_PER_SAMPLE = 2.0;

    private SeriesCounts() {
    }
}
