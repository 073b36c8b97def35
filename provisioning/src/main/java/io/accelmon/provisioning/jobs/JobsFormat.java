package io.accelmon.provisioning.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Renders the job history as a table for people, CSV for spreadsheets or JSON, and the {@code --stats} summary. */
public final class JobsFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] COLUMNS = {"server", "user", "framework", "type", "job_name", "job_id", "pid",
        "distributed_job", "rank", "first_seen", "last_seen", "status", "devices", "cpu_seconds", "peak_rss_bytes",
        "peak_device_memory_bytes"};

    private JobsFormat() {
    }

    public static String table(List<JobRecord> jobs) {
        if (jobs.isEmpty()) {
            return "no jobs in this window (is an exporter with the job monitor scraped?)\n";
        }
        String fmt = "%-14s %-10s %-10s %-9s %-20s %-16s %-16s %-4s %-20s %-20s %-7s %-12s %9s %9s %9s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, fmt, "SERVER", "USER", "FRAMEWORK", "TYPE",
                "JOB", "JOB ID", "DISTRIBUTED", "RANK", "FIRST SEEN", "LAST SEEN", "STATUS", "DEVICES", "CPU S",
                "PEAK RSS", "PEAK DEV"));
        for (JobRecord j : jobs) {
            out.append(String.format(Locale.ROOT, fmt, j.server(), j.user(), j.framework(), j.type(), j.jobName(),
                    j.jobId(), j.distributedJob(), j.rank(), time(j.firstSeen()), time(j.lastSeen()), j.status(),
                    String.join(",", j.devices()), number(j.cpuSeconds(), 1), mib(j.peakResidentBytes()),
                    mib(j.peakDeviceMemoryBytes())));
        }
        return out.toString();
    }

    public static String csv(List<JobRecord> jobs) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (JobRecord j : jobs) {
            List<String> cells = List.of(j.server(), j.user(), j.framework(), j.type(), j.jobName(), j.jobId(),
                    j.pid(), j.distributedJob(), j.rank(), j.firstSeen().toString(), j.lastSeen().toString(),
                    j.status().name(), String.join(" ", j.devices()), number(j.cpuSeconds(), 3),
                    number(j.peakResidentBytes(), 0), number(j.peakDeviceMemoryBytes(), 0));
            out.append(String.join(",", cells.stream().map(JobsFormat::csvCell).toList())).append('\n');
        }
        return out.toString();
    }

    public static String json(List<JobRecord> jobs, Instant from, Instant to) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", from.toString());
        root.put("to", to.toString());
        ArrayNode list = root.putArray("jobs");
        for (JobRecord j : jobs) {
            ObjectNode o = list.addObject();
            o.put("server", j.server());
            o.put("user", j.user());
            o.put("framework", j.framework());
            o.put("type", j.type());
            o.put("jobName", j.jobName());
            o.put("jobId", j.jobId());
            o.put("pid", j.pid());
            o.put("distributedJob", j.distributedJob());
            o.put("rank", j.rank());
            o.put("firstSeen", j.firstSeen().toString());
            o.put("lastSeen", j.lastSeen().toString());
            o.put("status", j.status().name());
            j.devices().forEach(o.putArray("devices")::add);
            putNumber(o, "cpuSeconds", j.cpuSeconds());
            putNumber(o, "peakResidentBytes", j.peakResidentBytes());
            putNumber(o, "peakDeviceMemoryBytes", j.peakDeviceMemoryBytes());
        }
        return root.toPrettyString() + "\n";
    }

    /** Jobs and device-hours in the window by user, framework and type. */
    public static String stats(List<JobRecord> jobs, Instant from, Instant to) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d jobs, %.2f device-hours, %s .. %s%n", jobs.size(),
                jobs.stream().mapToDouble(j -> j.deviceHours(from, to)).sum(), from, to));
        group(out, "USER", jobs, JobRecord::user, from, to);
        group(out, "FRAMEWORK", jobs, JobRecord::framework, from, to);
        group(out, "TYPE", jobs, JobRecord::type, from, to);
        return out.toString();
    }

    private static void group(StringBuilder out, String title, List<JobRecord> jobs, Function<JobRecord, String> by,
                              Instant from, Instant to) {
        Map<String, double[]> g = new TreeMap<>();
        for (JobRecord j : jobs) {
            double[] v = g.computeIfAbsent(by.apply(j), k -> new double[3]);
            v[0]++;
            v[1] += j.deviceHours(from, to);
            v[2] += j.status() == JobRecord.Status.lost ? 1 : 0;
        }
        out.append(String.format(Locale.ROOT, "%n%-16s %6s %13s %6s%n", title, "JOBS", "DEVICE-HOURS", "LOST"));
        g.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-16s %6d %13.2f %6d%n", k.isEmpty() ? "-" : k,
                (long) v[0], v[1], (long) v[2])));
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static String time(Instant t) {
        return t.toString().replaceFirst("\\.\\d+Z$", "Z");
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String mib(double bytes) {
        return Double.isNaN(bytes) ? "" : String.format(Locale.ROOT, "%.0fMiB", bytes / 1024 / 1024);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
