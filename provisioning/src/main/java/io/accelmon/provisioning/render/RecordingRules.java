package io.accelmon.provisioning.render;

import io.accelmon.provisioning.spec.ClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus/rules/records.yml}: what the dashboards aggregate (per-server CPU %, memory %, load per core,
 * GPU/NPU utilisation) and the per-user accounting series, named {@code level:metric:operations}.
 * The accounting group runs every minute and records what one minute contributed, so a total over any range is
 * {@code sum_over_time(<record>[range])}.
 */
public final class RecordingRules {

    public static final String PATH = "prometheus/rules/records.yml";
    public static final String ACCOUNTING_INTERVAL = "1m";

    private RecordingRules() {
    }

    /** Record name → expression, grouped, in render order. */
    static Map<String, Map<String, String>> groups(ClusterSpec spec) {
        Map<String, Map<String, String>> g = new LinkedHashMap<>();
        Map<String, String> node = new LinkedHashMap<>();
        node.put("instance:node_num_cpu:count", "count without (cpu, mode) (node_cpu_seconds_total{mode=\"idle\"})");
        node.put("instance:node_cpu_used_percent:rate5m",
                "100 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100");
        node.put("instance:node_memory_used_percent:used_over_total",
                "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100");
        node.put("instance:node_load5_per_cpu:ratio",
                "node_load5 / count without (cpu, mode) (node_cpu_seconds_total{mode=\"idle\"})");
        node.put("instance_mountpoint:node_filesystem_used_percent:used_over_size",
                "100 - node_filesystem_avail_bytes" + AlertRules.FS + " / node_filesystem_size_bytes" + AlertRules.FS
                        + " * 100");
        node.put("instance:node_network_receive_bytes:rate5m",
                "sum without (device) (rate(node_network_receive_bytes_total{device!=\"lo\"}[5m]))");
        node.put("instance:node_network_transmit_bytes:rate5m",
                "sum without (device) (rate(node_network_transmit_bytes_total{device!=\"lo\"}[5m]))");
        g.put("accelmon-node.rules", node);

        Map<String, String> acc = new LinkedHashMap<>();
        acc.put("instance:gpu_utilization:avg", "avg without (gpu, uuid, name) (gpu_utilization)");
        acc.put("instance_gpu:gpu_memory_used_percent:used_over_total",
                "gpu_memory_used_bytes / gpu_memory_total_bytes * 100");
        acc.put("instance:npu_aicore_utilization_ratio:avg", "avg without (id, chip) (npu_aicore_utilization_ratio)");
        acc.put("instance_endpoint:api_requests:rate5m",
                "sum without (method, status) (rate(api_requests_total[5m]))");
        g.put("accelmon-accelerators.rules", acc);

        Map<String, String> user = new LinkedHashMap<>();
        user.put("user:gpu_memory_used_bytes:sum", "sum by (user) (gpu_user_memory_used_bytes)");
        user.put("user:gpu_memory_byte_seconds:sum1m",
                "sum by (user) (avg_over_time(gpu_user_memory_used_bytes[1m])) * 60");
        user.put("user_gpu_model:gpu_seconds:sum1m",
                "sum by (user, name) (avg_over_time((gpu_user_memory_used_bytes > bool 0)[1m:"
                        + spec.intervals().scrape() + "]) * on (instance, uuid) group_left (name)"
                        + " max by (instance, uuid, name) (gpu_info)) * 60");
        user.put("user:cpu_cores:rate5m", "sum by (user) (rate(accelmon_user_cpu_seconds_total[5m]))");
        user.put("user:cpu_core_seconds:sum1m", "sum by (user) (rate(accelmon_user_cpu_seconds_total[5m])) * 60");
        g.put("accelmon-accounting.rules", user);
        return g;
    }

    public static Map<String, String> render(ClusterSpec spec) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> g : groups(spec).entrySet()) {
            List<Object> rules = new ArrayList<>();
            g.getValue().forEach((record, expr) -> rules.add(Documents.of("record", record, "expr", expr)));
            Map<String, Object> group = Documents.of("name", g.getKey());
            if (g.getKey().equals("accelmon-accounting.rules")) {
                group.put("interval", ACCOUNTING_INTERVAL);
            }
            group.put("rules", rules);
            out.add(group);
        }
        return Map.of(PATH, Documents.yaml("Rendered by `accelmon render` from " + spec.source().getFileName()
                + "; do not edit. Accounting records hold one minute each: sum_over_time(<record>[30d]).",
                Documents.of("groups", out)));
    }

    /** Every record name with its expression (for tests and the dashboards). */
    public static Map<String, String> all(ClusterSpec spec) {
        Map<String, String> all = new LinkedHashMap<>();
        groups(spec).values().forEach(all::putAll);
        return all;
    }
}
