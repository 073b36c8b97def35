package io.accelmon.provisioning.render;

import static io.accelmon.provisioning.spec.AlertCatalog.*;

import io.accelmon.provisioning.spec.AlertCatalog;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpec.Level;
import io.accelmon.provisioning.spec.PromDuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code prometheus/rules/alerts.yml}: the five example alerts with their names and expressions, plus what the example cluster
 * asked next (server down, collection failing, filesystems, GPU Xid/ECC/lost, NPU health, AI job lost). Where the spec
 * sets a critical threshold the alert gets a critical twin of the same name, so the Alertmanager inhibit rule
 * (critical mutes warning for the same alertname and instance) has something to do.
 */
public final class AlertRules {

    public static final String PATH = "prometheus/rules/alerts.yml";
    static final String FS = "{fstype!=\"\",mountpoint!=\"\"}";

    private AlertRules() {
    }

    /** One alerting rule before rendering. */
    record Alert(AlertCatalog alert, String severity, String expr, String summary, String description) {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Map<String, List<Alert>> groups = groups(spec);
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, List<Alert>> g : groups.entrySet()) {
            List<Object> rules = new ArrayList<>();
            for (Alert a : g.getValue()) {
                rules.add(rule(spec, a));
            }
            out.add(Documents.of("name", g.getKey(), "rules", rules));
        }
        return Map.of(PATH, Documents.yaml("Rendered by `accelmon render` from " + spec.source().getFileName()
                + "; do not edit. Runbooks: docs/runbooks.md", Documents.of("groups", out)));
    }

    private static Map<String, Object> rule(ClusterSpec spec, Alert a) {
        String name = a.alert().alertName();
        PromDuration forDur = spec.alerts().forOf(name, a.alert().defaultFor());
        return Documents.of(
                "alert", name,
                "expr", a.expr(),
                "for", forDur.millis() == 0 ? null : forDur.toString(),
                "labels", Documents.of("severity", a.severity()),
                "annotations", Documents.of(
                        "summary", a.summary(),
                        "description", a.description(),
                        "runbook_url", spec.alerts().runbookBaseUrl() + "#" + name.toLowerCase(Locale.ROOT)));
    }

    /** Every alert grouped by concern, in render order. */
    static Map<String, List<Alert>> groups(ClusterSpec spec) {
        var t = spec.thresholds();
        Map<String, List<Alert>> g = new LinkedHashMap<>();
        g.put("accelmon-availability", List.of(
                new Alert(SERVER_DOWN, "critical", "up{job=~\"node-.*\"} == 0",
                        "A server stopped answering its node-collector scrape.",
                        "Server {{ $labels.server }} ({{ $labels.hostname }}, {{ $labels.ip }}) has not answered the "
                                + "scrape of {{ $labels.instance }} (job {{ $labels.job }})."),
                new Alert(TARGET_DOWN, "warning", "up{job!~\"node-.*\"} == 0",
                        "A monitored exporter or service is down.",
                        "Target {{ $labels.instance }} of job {{ $labels.job }} on {{ $labels.server }} "
                                + "({{ $labels.hostname }}) is not answering scrapes."),
                new Alert(EXPORTER_COLLECTOR_FAILING, "warning",
                        "{__name__=~\"node_scrape_collector_success|gpu_exporter_collector_success"
                                + "|npu_exporter_collector_success\"} == 0",
                        "An exporter collector keeps failing.",
                        "Collector {{ $labels.collector }} of {{ $labels.job }} on {{ $labels.instance }} "
                                + "({{ $labels.hostname }}) reports failure; its metrics are missing or stale."),
                new Alert(EXPORTER_BACKEND_DOWN, "warning", "gpu_exporter_backend_up == 0 or npu_exporter_backend_up == 0",
                        "An accelerator exporter cannot reach its backend.",
                        "The {{ $labels.job }} exporter on {{ $labels.instance }} ({{ $labels.hostname }}) cannot read "
                                + "its device backend (NVML/nvidia-smi or npu-smi/DCMI).")));

        List<Alert> node = new ArrayList<>();
        String mem = "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100";
        twins(node, NODE_HIGH_MEMORY_USAGE, t.nodeMemoryUsedPercent(), v -> mem + " > " + v,
                "Node memory usage is high.",
                "Memory usage on {{ $labels.instance }} ({{ $labels.hostname }}) is {{ $value | printf \"%.2f\" }}%, "
                        + "above %s%%.");
        twins(node, NODE_HIGH_LOAD, t.nodeLoad5PerCore(),
                v -> "node_load5 / count without(cpu, mode) (node_cpu_seconds_total{mode=\"idle\"}) > " + v,
                "Node 5-minute load is high for its CPU count.",
                "The 5-minute load on {{ $labels.instance }} ({{ $labels.hostname }}) is "
                        + "{{ $value | printf \"%.2f\" }} per core, above %s.");
        for (String[] lvl : new String[][] {{"warning", "40", "24*60*60", "24 hours"}, {"critical", "20", "4*60*60", "4 hours"}}) {
            node.add(new Alert(NODE_FILESYSTEM_SPACE_FILLING_UP, lvl[0],
                    "node_filesystem_avail_bytes" + FS + " / node_filesystem_size_bytes" + FS + " * 100 < " + lvl[1]
                            + "\nand predict_linear(node_filesystem_avail_bytes" + FS + "[6h], " + lvl[2] + ") < 0"
                            + "\nand node_filesystem_readonly" + FS + " == 0",
                    "Filesystem is predicted to run out of space within the next " + lvl[3] + ".",
                    "Filesystem on {{ $labels.device }}, mounted on {{ $labels.mountpoint }}, at {{ $labels.instance }} "
                            + "({{ $labels.hostname }}) has only {{ printf \"%.2f\" $value }}% available space left "
                            + "and is filling up."));
        }
        for (String[] lvl : new String[][] {{"warning", "5"}, {"critical", "3"}}) {
            node.add(new Alert(NODE_FILESYSTEM_ALMOST_OUT_OF_SPACE, lvl[0],
                    "node_filesystem_avail_bytes" + FS + " / node_filesystem_size_bytes" + FS + " * 100 < " + lvl[1]
                            + "\nand node_filesystem_readonly" + FS + " == 0",
                    "Filesystem has less than " + lvl[1] + "% space left.",
                    "Filesystem on {{ $labels.device }}, mounted on {{ $labels.mountpoint }}, at {{ $labels.instance }} "
                            + "({{ $labels.hostname }}) has only {{ printf \"%.2f\" $value }}% available space left."));
        }
        g.put("accelmon-node", node);

        List<Alert> gpu = new ArrayList<>();
        twins(gpu, GPU_HIGH_TEMPERATURE, t.gpuTemperatureCelsius(), v -> "gpu_temperature_celsius > " + v,
                "GPU temperature is too high.",
                "GPU {{ $labels.gpu }} ({{ $labels.name }}) on {{ $labels.hostname }} is at {{ $value }}°C, "
                        + "above the %s°C threshold.");
        twins(gpu, GPU_HIGH_MEMORY_USAGE, t.gpuMemoryUsedPercent(),
                v -> "gpu_memory_used_bytes / gpu_memory_total_bytes * 100 > " + v,
                "GPU memory usage is high.",
                "GPU {{ $labels.gpu }} ({{ $labels.name }}) on {{ $labels.hostname }} uses "
                        + "{{ $value | printf \"%.2f\" }}% of its memory, above %s%%.");
        gpu.add(new Alert(GPU_XID_ERRORS, "warning", "increase(gpu_xid_errors_total[5m]) > 0",
                "A GPU reported Xid errors.",
                "GPU {{ $labels.gpu }} on {{ $labels.hostname }} reported Xid {{ $labels.xid }} "
                        + "{{ $value | printf \"%.0f\" }} time(s) in the last 5 minutes."));
        gpu.add(new Alert(GPU_XID_ERRORS, "critical",
                "increase(gpu_xid_errors_total{xid=~\"" + XID_CRITICAL + "\"}[5m]) > 0",
                "A GPU reported an Xid error that needs a reset or a node drain.",
                "GPU {{ $labels.gpu }} on {{ $labels.hostname }} reported Xid {{ $labels.xid }} (memory, bus or "
                        + "fatal engine error) {{ $value | printf \"%.0f\" }} time(s) in the last 5 minutes."));
        gpu.add(new Alert(GPU_UNCORRECTABLE_ECC_ERRORS, "critical", "increase(gpu_ecc_uncorrected_errors_total[10m]) > 0",
                "A GPU reported uncorrectable ECC memory errors.",
                "GPU {{ $labels.gpu }} ({{ $labels.name }}) on {{ $labels.hostname }} counted "
                        + "{{ $value | printf \"%.0f\" }} uncorrectable ECC error(s) in the last 10 minutes."));
        gpu.add(new Alert(GPU_LOST, "critical", "gpu_lost == 1",
                "A GPU has fallen off the bus.",
                "GPU {{ $labels.gpu }} ({{ $labels.uuid }}) on {{ $labels.hostname }} is lost: the driver cannot "
                        + "reach it."));
        g.put("accelmon-gpu", gpu);

        g.put("accelmon-npu", List.of(
                new Alert(NPU_HEALTH_NOT_OK, "warning", "npu_health_status != 0",
                        "An NPU does not report healthy.",
                        "NPU {{ $labels.id }} chip {{ $labels.chip }} on {{ $labels.hostname }} reports health "
                                + "{{ $value }} (1 warning, 2 alarm, 3 critical, -1 unknown)."),
                new Alert(NPU_HEALTH_NOT_OK, "critical", "npu_health_status >= 2",
                        "An NPU reports an alarm or critical health state.",
                        "NPU {{ $labels.id }} chip {{ $labels.chip }} on {{ $labels.hostname }} reports health "
                                + "{{ $value }} (2 alarm, 3 critical).")));

        List<Alert> api = new ArrayList<>();
        twins(api, API_HIGH_LATENCY, t.apiLatencyP95Seconds(),
                v -> "api_request_duration_seconds{quantile=\"0.95\"} > " + v,
                "API 95th percentile latency is high.",
                "The p95 latency of {{ $labels.endpoint }} on {{ $labels.instance }} is {{ $value }}s, above %ss.");
        twins(api, API_HIGH_ERROR_RATE, t.apiErrorRatio(),
                v -> "sum without (method, status) (rate(api_requests_total{status=~\"5..\"}[5m]))"
                        + "\n  / sum without (method, status) (rate(api_requests_total[5m]))\n> " + v,
                "API requests are failing.",
                "{{ $value | humanizePercentage }} of requests to {{ $labels.endpoint }} on {{ $labels.instance }} "
                        + "answer 5xx, above %s.");
        twins(api, VLLM_HIGH_TIME_TO_FIRST_TOKEN, t.vllmTtftP95Seconds(),
                v -> "histogram_quantile(0.95, sum by (le, job, instance, server_name, hostname, model_name) "
                        + "(rate(vllm:time_to_first_token_seconds_bucket[5m])))\n> " + v,
                "vLLM answers slowly: the first token takes long.",
                "The p95 time to first token of model {{ $labels.model_name }} on {{ $labels.server_name }} "
                        + "({{ $labels.hostname }}) is {{ $value | humanizeDuration }}, above %ss; look at its queue "
                        + "(vllm:num_requests_waiting) and KV-cache usage.");
        g.put("accelmon-api", api);

        double lost = t.jobLostAfter().seconds();
        g.put("accelmon-jobs", List.of(new Alert(AI_JOB_LOST, "warning",
                "time() - max_over_time(accelmon_job_last_seen_timestamp_seconds[1h]) > " + threshold(lost)
                        + "\nunless on (instance) (up == 0)",
                "An AI job has not been seen for " + t.jobLostAfter() + ".",
                "Job {{ $labels.job_id }} on {{ $labels.hostname }} was last seen "
                        + "{{ $value | humanizeDuration }} ago; it ended or was killed without the monitor seeing it "
                        + "finish."), rankLost(lost)));
        return g;
    }

    /**
     * A rank (worker) of a distributed job gone for {@code lost} seconds while another rank of the same job was seen
     * within that time: the job is most likely stuck waiting for it. A job whose ranks all end together does not fire.
     */
    private static Alert rankLost(double lost) {
        String after = threshold(lost);
        return new Alert(AI_JOB_RANK_LOST, "critical",
                "(time() - max_over_time(accelmon_job_last_seen_timestamp_seconds[1h]) > " + after + ")"
                        + "\n  * on (instance, job_id) group_left (distributed_job, rank)"
                        + "\n    max_over_time(accelmon_job_distributed_info{role=\"worker\"}[1h])"
                        + "\nand on (distributed_job) (\n  accelmon_job_distributed_info{role=\"worker\"}"
                        + "\n    and on (instance, job_id) (time() - accelmon_job_last_seen_timestamp_seconds <= " + after
                        + ")\n)\nunless on (instance) (up == 0)",
                "A rank of a distributed AI job is gone while the other ranks run.",
                "Rank {{ $labels.rank }} (job {{ $labels.job_id }}) of distributed job {{ $labels.distributed_job }} "
                        + "on {{ $labels.hostname }} was last seen {{ $value | humanizeDuration }} ago while other "
                        + "ranks of the job still run; they are probably blocked in a collective.");
    }

    /** Xid codes that mean a reset or drain (NVIDIA's Xid catalog: DBE, bus, fatal engine, contained/uncontained ECC). */
    static final String XID_CRITICAL = "48|62|63|64|74|79|92|94|95";

    /** A threshold as written in PromQL and descriptions: {@code 80}, not {@code 80.0}. */
    static String threshold(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    interface Expr {
        String at(String threshold);
    }

    private static void twins(List<Alert> into, AlertCatalog name, Level level, Expr expr, String summary, String description) {
        String w = threshold(level.warning());
        into.add(new Alert(name, "warning", expr.at(w), summary, description.replace("%s", w).replace("%%", "%")));
        level.critical().ifPresent(c -> {
            String cs = threshold(c);
            into.add(new Alert(name, "critical", expr.at(cs), summary, description.replace("%s", cs).replace("%%", "%")));
        });
    }
}
