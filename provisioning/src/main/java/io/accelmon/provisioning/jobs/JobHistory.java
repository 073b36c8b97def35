package io.accelmon.provisioning.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.provisioning.check.PrometheusApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the job history of [from, to] from Prometheus: each {@code accelmon_job_*} family once, over the window,
 * evaluated at {@code to} (metric names from docs/contracts.md). A job is keyed by (instance, job_id).
 */
public final class JobHistory {

    private JobHistory() {
    }

    public static List<JobRecord> read(PrometheusApi api, Instant from, Instant to, Duration step, Duration lostAfter)
            throws PrometheusApi.PrometheusException {
        String w = "[" + range(Duration.between(from, to)) + "]";
        String sub = "[" + range(Duration.between(from, to)) + ":" + range(step) + "]";
        Map<String, JsonNode> info = byJob(api.query("last_over_time(accelmon_job_info" + w + ")", to));
        Map<String, Double> firstSeen = values(api.query(
                "min_over_time(accelmon_job_last_seen_timestamp_seconds" + w + ")", to));
        Map<String, Double> lastSeen = values(api.query(
                "max_over_time(accelmon_job_last_seen_timestamp_seconds" + w + ")", to));
        Map<String, Double> lastSample = values(api.query(
                "max_over_time(timestamp(accelmon_job_last_seen_timestamp_seconds)" + sub + ")", to));
        Map<String, Double> cpu = values(api.query("max_over_time(accelmon_job_cpu_seconds_total" + w + ")", to));
        Map<String, Double> rss = values(api.query("max_over_time(accelmon_job_resident_memory_bytes" + w + ")", to));
        Map<String, Double> devMem = values(api.query("sum by (instance, job_id) "
                + "(max_over_time(accelmon_job_device_memory_bytes" + w + "))", to));
        Map<String, TreeSet<String>> devices = new HashMap<>();
        for (JsonNode r : api.query("last_over_time(accelmon_job_devices" + w + ")", to)) {
            devices.computeIfAbsent(key(r), k -> new TreeSet<>()).add(r.path("metric").path("device").asText());
        }
        Map<String, JsonNode> distributed = byJob(api.query(
                "last_over_time(accelmon_job_distributed_info" + w + ")", to));
        List<JobRecord> jobs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : info.entrySet()) {
            String k = e.getKey();
            JsonNode m = e.getValue().path("metric");
            Double last = lastSeen.get(k);
            if (last == null) {
                continue;
            }
            double first = firstSeen.getOrDefault(k, last);
            double sampled = lastSample.getOrDefault(k, last);
            JsonNode d = distributed.containsKey(k) ? distributed.get(k).path("metric") : null;
            jobs.add(new JobRecord(server(m), m.path("job_id").asText(), m.path("user").asText(),
                    m.path("framework").asText(), m.path("type").asText(), m.path("job_name").asText(),
                    m.path("pid").asText(), d == null ? "" : d.path("distributed_job").asText(),
                    d == null ? "" : d.path("rank").asText(), seconds(first), seconds(last),
                    status(to, last, sampled, step, lostAfter), List.copyOf(devices.getOrDefault(k, new TreeSet<>())),
                    cpu.getOrDefault(k, Double.NaN), rss.getOrDefault(k, Double.NaN),
                    devMem.getOrDefault(k, Double.NaN)));
        }
        jobs.sort(Comparator.comparing(JobRecord::firstSeen).thenComparing(JobRecord::server)
                .thenComparing(JobRecord::jobId));
        return jobs;
    }

    /**
     * running while seen within {@code lostAfter} of {@code to}; ended when its exporter kept reporting the job's
     * last-seen time after it was last seen (the monitor saw the process go); lost otherwise (no update since, and
     * its exporter went silent with it).
     */
    static JobRecord.Status status(Instant to, double lastSeen, double lastSample, Duration step, Duration lostAfter) {
        double now = to.toEpochMilli() / 1000.0;
        if (now - lastSeen <= lostAfter.toSeconds()) {
            return JobRecord.Status.running;
        }
        return lastSample - lastSeen > 2.0 * step.toSeconds() ? JobRecord.Status.ended : JobRecord.Status.lost;
    }

    private static String server(JsonNode m) {
        for (String label : List.of("server_name", "hostname", "instance")) {
            String v = m.path(label).asText("");
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static String key(JsonNode r) {
        return r.path("metric").path("instance").asText() + "|" + r.path("metric").path("job_id").asText();
    }

    private static Map<String, JsonNode> byJob(JsonNode result) {
        Map<String, JsonNode> out = new HashMap<>();
        result.forEach(r -> out.putIfAbsent(key(r), r));
        return out;
    }

    private static Map<String, Double> values(JsonNode result) {
        Map<String, Double> out = new HashMap<>();
        result.forEach(r -> out.put(key(r), r.path("value").get(1).asDouble()));
        return out;
    }

    private static Instant seconds(double s) {
        return Instant.ofEpochMilli(Math.round(s * 1000));
    }

    static String range(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
