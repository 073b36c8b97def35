package io.accelmon.provisioning.kit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract between the kit's queries and the exporters: every metric a rule or dashboard panel reads must be one
 * that an accelmon exporter emits on the loopback stack, a series the kit records itself, or a hardware-only series
 * listed in {@link #HARDWARE_ONLY} with the exporter that emits it. A misspelled name is none of these.
 */
final class MetricContract {

    /**
     * Series only real hardware or a real event produces, so the loopback stack (fake nvidia-smi/npu-smi, no running
     * AI job) never shows them: Xid errors, a lost GPU, remapped rows and retired pages need a faulty GPU; fan speed a
     * GPU with a fan (data-centre boards have none); the PCIe byte counters the NVML backend; the process and user
     * series a process holding device memory; DDR a chip that has it (Atlas 300I); the job series a running AI job. Each names the module whose main sources emit it; {@code MetricContractTest} checks
     * that the name is in that module's code, so the list cannot hide a typo either.
     */
    static final Map<String, String> HARDWARE_ONLY = Map.ofEntries(
            Map.entry("gpu_xid_errors_total", "gpu-exporter"),
            Map.entry("gpu_fan_speed_percent", "gpu-exporter"),
            Map.entry("gpu_pcie_receive_bytes_total", "gpu-exporter"),
            Map.entry("gpu_pcie_transmit_bytes_total", "gpu-exporter"),
            Map.entry("npu_ddr_used_bytes", "npu-exporter"),
            Map.entry("gpu_lost", "gpu-exporter"),
            Map.entry("gpu_remapped_rows", "gpu-exporter"),
            Map.entry("gpu_retired_pages", "gpu-exporter"),
            Map.entry("gpu_process_info", "gpu-exporter"),
            Map.entry("gpu_process_memory_used_bytes", "gpu-exporter"),
            Map.entry("gpu_user_memory_used_bytes", "gpu-exporter"),
            Map.entry("npu_user_hbm_used_bytes", "npu-exporter"),
            Map.entry("accelmon_job_info", "job-monitor"),
            Map.entry("accelmon_job_cpu_seconds_total", "job-monitor"),
            Map.entry("accelmon_job_resident_memory_bytes", "job-monitor"),
            Map.entry("accelmon_job_device_memory_bytes", "job-monitor"),
            Map.entry("accelmon_job_last_seen_timestamp_seconds", "job-monitor"),
            Map.entry("accelmon_job_distributed_info", "job-monitor"));

    /**
     * Families of services the kit scrapes but does not ship ({@code services: [{kind: vllm}]}), named as vLLM's
     * production-metrics documentation names them.
     */
    static final Map<String, String> THIRD_PARTY = Map.ofEntries(
            Map.entry("vllm:time_to_first_token_seconds", "vLLM"),
            Map.entry("vllm:e2e_request_latency_seconds", "vLLM"),
            Map.entry("vllm:num_requests_running", "vLLM"),
            Map.entry("vllm:num_requests_waiting", "vLLM"),
            Map.entry("vllm:kv_cache_usage_perc", "vLLM"),
            Map.entry("vllm:gpu_cache_usage_perc", "vLLM"),
            Map.entry("vllm:generation_tokens_total", "vLLM"),
            Map.entry("vllm:prompt_tokens_total", "vLLM"));

    /** Prometheus' own series that rules and panels may read. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    /**
     * {@code promtool check metrics} complaints about names that reproduce node_exporter's exactly (camelCase
     * /proc/meminfo and /proc/net/netstat fields, entropy in bits): node_exporter's own checkmetrics.sh ignores the
     * same families, and renaming them would break every node_exporter dashboard.
     */
    private static final Pattern PEER_NAMED_LINT = Pattern.compile("^node_(entropy|memory|netstat)_\\S+ .*");

    /**
     * Two npu-exporter gauges whose names docs/contracts.md fixed before this lint ran ({@code npu_aicore_count}, a
     * count of cores, reads like a summary's {@code _count}; {@code npu_hugepages_total}, total pages, like a counter).
     * Contract names are extended, never renamed, so they stay as aliases of the promtool-clean {@code npu_aicores}
     * and {@code npu_hugepages_capacity}; no other name gets past promtool.
     */
    private static final Pattern CONTRACT_NAMED_LINT = Pattern.compile("^npu_(aicore_count|hugepages_total) .*");

    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "time", "vector");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_count", "_sum");

    private MetricContract() {
    }

    /**
     * Every metric name the expressions read that is neither emitted, recorded, Prometheus' own nor allow-listed,
     * mapped to the first expression reading it.
     */
    static Map<String, String> unknownMetrics(Collection<String> exprs, Set<String> emitted, Set<String> recorded) {
        Map<String, String> unknown = new TreeMap<>();
        for (String expr : exprs) {
            for (String metric : metrics(expr)) {
                if (!known(metric, emitted, recorded)) {
                    unknown.putIfAbsent(metric, expr);
                }
            }
        }
        return unknown;
    }

    private static boolean known(String metric, Set<String> emitted, Set<String> recorded) {
        if (emitted.contains(metric) || recorded.contains(metric) || PROMETHEUS_OWN.contains(metric)) {
            return true;
        }
        String family = metric;
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (metric.endsWith(suffix)) {
                family = metric.substring(0, metric.length() - suffix.length());
            }
        }
        return HARDWARE_ONLY.containsKey(family) || THIRD_PARTY.containsKey(family);
    }

    /** The metric names an expression reads (not functions, keywords, label names or label values). */
    static Set<String> metrics(String expr) {
        String e = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*\\}", "").replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(e);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < e.length() && e.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < e.length() && e.charAt(after) == '(';
            boolean numberPart = m.start() > 0 && (Character.isDigit(e.charAt(m.start() - 1))
                    || e.charAt(m.start() - 1) == '.');
            if (!call && !numberPart && !WORDS.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The lines of a {@code promtool check metrics} report that are ours to fix. */
    static String lintProblems(String promtoolOutput) {
        StringBuilder out = new StringBuilder();
        for (String line : promtoolOutput.split("\n")) {
            if (!line.isBlank() && !PEER_NAMED_LINT.matcher(line).matches()
                    && !CONTRACT_NAMED_LINT.matcher(line).matches()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The hardware-only names no expression reads any more: a stale allow-list entry hides nothing, but misleads. */
    static Set<String> unusedAllowances(Collection<String> exprs) {
        Set<String> read = new TreeSet<>();
        exprs.forEach(e -> read.addAll(metrics(e)));
        Set<String> unused = new TreeSet<>(HARDWARE_ONLY.keySet());
        unused.addAll(THIRD_PARTY.keySet());
        unused.removeIf(name -> read.contains(name) || read.stream().anyMatch(r -> r.startsWith(name + "_")));
        return unused;
    }
}
