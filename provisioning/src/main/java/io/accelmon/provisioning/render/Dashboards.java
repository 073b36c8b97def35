package io.accelmon.provisioning.render;

import static io.accelmon.provisioning.render.DashboardBuilder.S;
import static io.accelmon.provisioning.render.DashboardBuilder.t;

import io.accelmon.provisioning.spec.ClusterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code grafana/dashboards/*.json}: cluster overview (the cross-server comparison), GPU (the temperature, memory and utilization panels and
 * the rest of the GPU metrics, per process and per user), NPU and AI jobs, API and inference, node detail.
 */
public final class Dashboards {

    public static final String DIR = "grafana/dashboards/";
    private static final String RI = "[$__rate_interval]";

    private Dashboards() {
    }

    public static Map<String, String> render(ClusterSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DIR + "accelmon-overview.json", Documents.json(overview().build(List.of("accelmon", "overview"))));
        out.put(DIR + "accelmon-gpu.json", Documents.json(gpu().build(List.of("accelmon", "gpu"))));
        out.put(DIR + "accelmon-npu.json", Documents.json(npu().build(List.of("accelmon", "npu"))));
        out.put(DIR + "accelmon-api.json", Documents.json(api().build(List.of("accelmon", "api"))));
        out.put(DIR + "accelmon-node.json", Documents.json(node().build(List.of("accelmon", "node"))));
        return out;
    }

    private static String sel(String extra) {
        return "{" + S + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static DashboardBuilder overview() {
        String who = "{{server_name}} ({{hostname}})";
        return new DashboardBuilder("accelmon-overview", "accelmon / Cluster overview", "up")
                .row("Servers")
                .stat("Servers up", "none", t("sum(up{job=~\"node-.*\"," + S + "})", "up"))
                .stat("Targets down", "none", t("count(up" + sel("") + " == 0) or vector(0)", "down"))
                .stat("Firing alerts", "none", t("count(ALERTS{alertstate=\"firing\"}) or vector(0)", "firing"))
                .stat("Average CPU used", "percent",
                        t("avg(instance:node_cpu_used_percent:rate5m" + sel("") + ")", "cpu"))
                .table("Servers", "none", 24, t("up" + sel("job=~\"node-.*\""), ""))
                .row("Cross-server comparison")
                .timeseries("Up per target", "none", 12, t("up" + sel(""), "{{job}} {{instance}}"))
                .timeseries("CPU used per server", "percent", 12,
                        t("instance:node_cpu_used_percent:rate5m" + sel(""), who))
                .timeseries("Memory used per server", "percent", 12,
                        t("instance:node_memory_used_percent:used_over_total" + sel(""), who))
                .timeseries("Load 5m per core", "short", 12, t("instance:node_load5_per_cpu:ratio" + sel(""), who))
                .timeseries("Fullest filesystem per server", "percent", 12,
                        t("max without (device, fstype, mountpoint) "
                                + "(instance_mountpoint:node_filesystem_used_percent:used_over_size" + sel("") + ")", who))
                .timeseries("Network per server", "Bps", 12,
                        t("instance:node_network_receive_bytes:rate5m" + sel(""), "rx " + who),
                        t("instance:node_network_transmit_bytes:rate5m" + sel(""), "tx " + who))
                .timeseries("GPU utilization per server", "percent", 12,
                        t("instance:gpu_utilization:avg" + sel(""), who))
                .timeseries("NPU AI Core utilization per server", "percentunit", 12,
                        t("instance:npu_aicore_utilization_ratio:avg" + sel(""), who))
                .table("Firing alerts", "none", 24, t("ALERTS{alertstate=\"firing\"}", ""));
    }

    static DashboardBuilder gpu() {
        String g = "{{hostname}} GPU {{gpu}}";
        DashboardBuilder gpu = new DashboardBuilder("accelmon-gpu", "accelmon / GPU and AI jobs", "gpu_info")
                .row("Fleet")
                .stat("GPUs", "none", t("count(gpu_info" + sel("") + ")", "gpus"))
                .stat("Average utilization", "percent", t("avg(gpu_utilization" + sel("") + ")", "util"))
                .stat("Hottest GPU", "celsius", t("max(gpu_temperature_celsius" + sel("") + ")", "max"))
                .stat("Lost GPUs", "none", t("count(gpu_lost" + sel("") + " == 1) or vector(0)", "lost"))
                .table("GPU inventory", "none", 24, t("gpu_info" + sel(""), ""))
                .row("Utilization and memory")
                .timeseries("GPU utilization", "percent", 12, t("gpu_utilization" + sel(""), g))
                .timeseries("GPU memory usage", "percent", 12,
                        t("gpu_memory_used_bytes" + sel("") + " / gpu_memory_total_bytes" + sel("") + " * 100", g))
                .timeseries("GPU memory used", "bytes", 12, t("gpu_memory_used_bytes" + sel(""), g))
                .timeseries("Memory controller utilization", "percent", 12, t("gpu_memory_utilization" + sel(""), g))
                .row("Thermals, power and clocks")
                .timeseries("Temperature", "celsius", 12, t("gpu_temperature_celsius" + sel(""), g),
                        t("gpu_memory_temperature_celsius" + sel(""), "memory " + g))
                .timeseries("Power", "watt", 12, t("gpu_power_draw_watts" + sel(""), g),
                        t("gpu_power_limit_watts" + sel(""), "limit " + g))
                .timeseries("Clocks", "hertz", 12, t("gpu_sm_clock_hertz" + sel(""), "SM " + g),
                        t("gpu_memory_clock_hertz" + sel(""), "memory " + g))
                .timeseries("Throttle reasons active", "short", 12,
                        t("gpu_clock_event_active" + sel(""), g + " {{reason}}"))
                .timeseries("Fan speed", "percent", 8, t("gpu_fan_speed_percent" + sel(""), g))
                .timeseries("Performance state", "short", 8, t("gpu_pstate" + sel(""), g))
                .timeseries("Encoder / decoder utilization", "percent", 8,
                        t("gpu_encoder_utilization" + sel(""), "enc " + g),
                        t("gpu_decoder_utilization" + sel(""), "dec " + g))
                .row("PCIe and errors")
                .timeseries("PCIe throughput", "Bps", 12,
                        t("rate(gpu_pcie_transmit_bytes_total" + sel("") + RI + ")", "tx " + g),
                        t("rate(gpu_pcie_receive_bytes_total" + sel("") + RI + ")", "rx " + g))
                .timeseries("ECC errors", "short", 12,
                        t("increase(gpu_ecc_corrected_errors_total" + sel("") + RI + ")", "corrected " + g),
                        t("increase(gpu_ecc_uncorrected_errors_total" + sel("") + RI + ")", "uncorrected " + g))
                .timeseries("Xid errors", "short", 12,
                        t("increase(gpu_xid_errors_total" + sel("") + RI + ")", g + " Xid {{xid}}"))
                .timeseries("Remapped rows and retired pages", "short", 12,
                        t("gpu_remapped_rows" + sel(""), "remapped {{type}} " + g),
                        t("gpu_retired_pages" + sel(""), "retired {{cause}} " + g))
                .row("Processes and users")
                .table("GPU memory per process", "bytes", 24,
                        t("gpu_process_memory_used_bytes" + sel("") + " * on (instance, pid) group_left (user, command)"
                                + " max by (instance, pid, user, command) (gpu_process_info" + sel("") + ")", ""))
                .timeseries("GPU memory per user", "bytes", 12,
                        t("sum by (user) (gpu_user_memory_used_bytes" + sel("") + ")", "{{user}}"))
                .table("GPU-seconds per user and model (time range)", "s", 12,
                        t("sum by (user, name) (sum_over_time(user_gpu_model:gpu_seconds:sum1m[$__range]))", ""));
        return aiJobs(gpu);
    }

    static DashboardBuilder npu() {
        String c = "{{hostname}} NPU {{id}}/{{chip}}";
        DashboardBuilder npu = new DashboardBuilder("accelmon-npu", "accelmon / NPU and AI jobs", "npu_info")
                .row("Fleet")
                .stat("NPU chips", "none", t("count(npu_info" + sel("") + ")", "chips"))
                .stat("Chips not OK", "none", t("count(npu_health_status" + sel("") + " != 0) or vector(0)", "bad"))
                .stat("Snapshot age", "s", t("max(npu_exporter_snapshot_age_seconds" + sel("") + ")", "age"))
                .stat("Backend up", "none", t("min(npu_exporter_backend_up" + sel("") + ")", "up"))
                .table("NPU inventory", "none", 24, t("npu_info" + sel(""), ""))
                .row("Chips")
                .timeseries("Health (0 OK, 1 warning, 2 alarm, 3 critical)", "short", 12,
                        t("npu_health_status" + sel(""), c))
                .timeseries("AI Core utilization", "percentunit", 12,
                        t("npu_aicore_utilization_ratio" + sel(""), c),
                        t("npu_aicpu_utilization_ratio" + sel(""), "AI CPU " + c),
                        t("npu_vector_utilization_ratio" + sel(""), "vector " + c))
                .timeseries("HBM usage", "percent", 12,
                        t("npu_hbm_used_bytes" + sel("") + " / npu_hbm_total_bytes" + sel("") + " * 100", c))
                .timeseries("HBM and DDR used", "bytes", 12, t("npu_hbm_used_bytes" + sel(""), "HBM " + c),
                        t("npu_ddr_used_bytes" + sel(""), "DDR " + c))
                .timeseries("Temperature", "celsius", 12, t("npu_temperature_celsius" + sel(""), c))
                .timeseries("Power", "watt", 12, t("npu_power_watts" + sel(""), c))
                .timeseries("HBM per user", "bytes", 12,
                        t("sum by (user) (npu_user_hbm_used_bytes" + sel("") + ")", "{{user}}"))
                .timeseries("Chips by health state", "short", 12, t("npu_chips" + sel(""), "{{hostname}} {{state}}"));
        return aiJobs(npu);
    }

    /**
     * The AI jobs row of the GPU and the NPU dashboard (the job monitor runs in either exporter): jobs, their CPU and
     * memory, running jobs per server, a distributed job's ranks side by side, lost jobs.
     */
    private static DashboardBuilder aiJobs(DashboardBuilder b) {
        return b
                .row("AI jobs")
                .table("Jobs", "none", 24, t("accelmon_job_info" + sel(""), ""))
                .timeseries("Job CPU (cores)", "short", 12,
                        t("rate(accelmon_job_cpu_seconds_total" + sel("") + RI + ")", "job {{job_id}}"))
                .timeseries("Job resident memory", "bytes", 12,
                        t("accelmon_job_resident_memory_bytes" + sel(""), "job {{job_id}}"))
                .timeseries("Job device memory", "bytes", 12,
                        t("accelmon_job_device_memory_bytes" + sel(""), "job {{job_id}} {{device}}"))
                .timeseries("Seconds since last seen", "s", 12,
                        t("time() - accelmon_job_last_seen_timestamp_seconds" + sel(""), "job {{job_id}}"))
                .timeseries("Running jobs per server", "short", 12,
                        t("count by (server_name) (accelmon_job_info" + sel("") + ")", "{{server_name}}"))
                .table("Distributed jobs: ranks side by side", "s", 24, t("time() - "
                        + "accelmon_job_last_seen_timestamp_seconds" + sel("") + " * on (instance, job_id) group_left "
                        + "(distributed_job, rank, world_size) accelmon_job_distributed_info" + sel("role=\"worker\""),
                        ""))
                .table("Lost jobs (not seen for 5m, exporter up)", "s", 24, t("time() - max_over_time("
                        + "accelmon_job_last_seen_timestamp_seconds" + sel("") + "[1h]) > 300 unless on (instance) "
                        + "(up == 0)", ""));
    }

    static DashboardBuilder api() {
        String by = "sum by (instance, endpoint) ";
        String m = "sum by (instance, model) ";
        return new DashboardBuilder("accelmon-api", "accelmon / API and inference", "api_requests_total")
                .row("Requests")
                .timeseries("API requests", "reqps", 12,
                        t(by + "(rate(api_requests_total" + sel("") + RI + "))", "{{instance}} {{endpoint}}"))
                .timeseries("API latency", "s", 12,
                        t("api_request_duration_seconds" + sel("quantile=\"0.5\""), "P50 {{endpoint}}"),
                        t("api_request_duration_seconds" + sel("quantile=\"0.95\""), "P95 {{endpoint}}"),
                        t("api_request_duration_seconds" + sel("quantile=\"0.99\""), "P99 {{endpoint}}"))
                .timeseries("5xx ratio", "percentunit", 12,
                        t("(" + by + "(rate(api_requests_total" + sel("status=~\"5..\"") + RI + ")) or 0 * " + by
                                + "(rate(api_requests_total" + sel("") + RI + "))) / " + by
                                + "(rate(api_requests_total" + sel("") + RI + "))", "{{instance}} {{endpoint}}"))
                .timeseries("Requests by status", "reqps", 12,
                        t("sum by (status) (rate(api_requests_total" + sel("") + RI + "))", "{{status}}"))
                .timeseries("In flight", "short", 12, t("api_requests_in_flight" + sel(""), "{{endpoint}}"))
                .timeseries("Cache hit ratio", "percentunit", 12,
                        t("sum by (cache) (rate(api_cache_requests_total" + sel("result=\"hit\"") + RI + "))"
                                + " / sum by (cache) (rate(api_cache_requests_total" + sel("") + RI + "))", "{{cache}}"))
                .row("Inference")
                .timeseries("Inference requests", "reqps", 12,
                        t("sum by (model, status) (rate(inference_requests_total" + sel("") + RI + "))",
                                "{{model}} {{status}}"))
                .timeseries("Inference mean latency", "s", 12,
                        t(m + "(rate(inference_request_duration_seconds_sum" + sel("") + RI + ")) / " + m
                                + "(rate(inference_request_duration_seconds_count" + sel("") + RI + "))", "{{model}}"))
                .timeseries("Time to first token (mean)", "s", 12,
                        t(m + "(rate(inference_time_to_first_token_seconds_sum" + sel("") + RI + ")) / " + m
                                + "(rate(inference_time_to_first_token_seconds_count" + sel("") + RI + "))",
                                "{{model}}"))
                .timeseries("Tokens per second", "short", 12,
                        t(m + "(rate(inference_completion_tokens_total" + sel("") + RI + "))", "completion {{model}}"),
                        t(m + "(rate(inference_prompt_tokens_total" + sel("") + RI + "))", "prompt {{model}}"))
                .timeseries("Queue", "short", 12, t("inference_queue_length" + sel(""), "{{model}}"))
                .timeseries("Inference errors", "short", 12,
                        t("sum by (model, type) (rate(inference_errors_total" + sel("") + RI + "))",
                                "{{model}} {{type}}"))
                .row("vLLM (services of kind vllm)")
                .timeseries("vLLM time to first token", "s", 12,
                        t(quantile("0.5", "vllm:time_to_first_token_seconds"), "P50 {{server_name}} {{model_name}}"),
                        t(quantile("0.95", "vllm:time_to_first_token_seconds"), "P95 {{server_name}} {{model_name}}"))
                .timeseries("vLLM end-to-end request latency", "s", 12,
                        t(quantile("0.95", "vllm:e2e_request_latency_seconds"), "P95 {{server_name}} {{model_name}}"))
                .timeseries("vLLM queue", "short", 12,
                        t("vllm:num_requests_running" + sel(""), "running {{server_name}} {{model_name}}"),
                        t("vllm:num_requests_waiting" + sel(""), "waiting {{server_name}} {{model_name}}"))
                .timeseries("vLLM KV-cache usage", "percentunit", 12,
                        // vLLM's V1 engine renamed gpu_cache_usage_perc; either answers
                        t("vllm:kv_cache_usage_perc" + sel("") + " or vllm:gpu_cache_usage_perc" + sel(""),
                                "{{server_name}} {{model_name}}"))
                .timeseries("vLLM tokens per second", "short", 24,
                        t("sum by (server_name, model_name) (rate(vllm:generation_tokens_total" + sel("") + RI + "))",
                                "generated {{server_name}} {{model_name}}"),
                        t("sum by (server_name, model_name) (rate(vllm:prompt_tokens_total" + sel("") + RI + "))",
                                "prompt {{server_name}} {{model_name}}"));
    }

    /** A quantile of one of vLLM's histograms per server and model. */
    private static String quantile(String q, String histogram) {
        return "histogram_quantile(" + q + ", sum by (le, server_name, model_name) (rate(" + histogram + "_bucket"
                + sel("") + RI + ")))";
    }

    static DashboardBuilder node() {
        return new DashboardBuilder("accelmon-node", "accelmon / Node detail", "node_uname_info")
                .row("Summary")
                .stat("Uptime", "s", t("time() - node_boot_time_seconds" + sel(""), "{{hostname}}"))
                .stat("CPU cores", "none", t("instance:node_num_cpu:count" + sel(""), "{{hostname}}"))
                .stat("Memory", "bytes", t("node_memory_MemTotal_bytes" + sel(""), "{{hostname}}"))
                .stat("Load 5m per core", "short", t("instance:node_load5_per_cpu:ratio" + sel(""), "{{hostname}}"))
                .row("CPU and memory")
                .timeseries("CPU by mode (cores)", "short", 12,
                        t("sum without (cpu) (rate(node_cpu_seconds_total" + sel("mode!=\"idle\"") + RI + "))",
                                "{{hostname}} {{mode}}"))
                .timeseries("Load", "short", 12, t("node_load1" + sel(""), "1m {{hostname}}"),
                        t("node_load5" + sel(""), "5m {{hostname}}"), t("node_load15" + sel(""), "15m {{hostname}}"))
                .timeseries("Memory", "bytes", 12,
                        t("node_memory_MemTotal_bytes" + sel("") + " - node_memory_MemAvailable_bytes" + sel(""),
                                "used {{hostname}}"),
                        t("node_memory_MemAvailable_bytes" + sel(""), "available {{hostname}}"))
                .timeseries("Filesystem used", "percent", 12,
                        t("instance_mountpoint:node_filesystem_used_percent:used_over_size" + sel(""),
                                "{{hostname}} {{mountpoint}}"))
                .row("Disk and network")
                .timeseries("Disk throughput", "Bps", 12,
                        t("rate(node_disk_read_bytes_total" + sel("") + RI + ")", "read {{device}}"),
                        t("rate(node_disk_written_bytes_total" + sel("") + RI + ")", "write {{device}}"))
                .timeseries("Network throughput", "Bps", 12,
                        t("rate(node_network_receive_bytes_total" + sel("device!=\"lo\"") + RI + ")", "rx {{device}}"),
                        t("rate(node_network_transmit_bytes_total" + sel("device!=\"lo\"") + RI + ")", "tx {{device}}"))
                .row("Users and collectors")
                .timeseries("CPU cores per user", "short", 12,
                        t("sum by (user) (rate(accelmon_user_cpu_seconds_total" + sel("") + RI + "))", "{{user}}"))
                .timeseries("Resident memory per user", "bytes", 12,
                        t("sum by (user) (accelmon_user_resident_memory_bytes" + sel("") + ")", "{{user}}"))
                .table("Collectors", "none", 12, t("node_scrape_collector_success" + sel(""), ""))
                .timeseries("Collector duration", "s", 12,
                        t("node_scrape_collector_duration_seconds" + sel(""), "{{hostname}} {{collector}}"));
    }
}
