package io.accelmon.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/jobs} (only with {@code --jobs.details}): the job report — pid, ppid, pgid, process name,
 * command line with secret-looking values redacted, cwd, framework, type, status, start time, the distributed job,
 * the parsed parameters and config file path, and (opt-in) the config file's first bytes, redacted. Never environment
 * variables.
 */
public final class JobsHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobMonitor monitor;
    private final int configBytes;

    public JobsHandler(JobMonitor monitor) {
        this(monitor, 0);
    }

    /** @param configBytes how much of each job's config file to include (redacted); 0 leaves the content out */
    public JobsHandler(JobMonitor monitor, int configBytes) {
        this.monitor = monitor;
        this.configBytes = configBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report(monitor.latest(), configBytes));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, Object> report(List<Job> jobs) {
        return report(jobs, 0);
    }

    static Map<String, Object> report(List<Job> jobs, int configBytes) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Job j : jobs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jobId", j.id());
            m.put("jobName", j.detection().jobName());
            m.put("jobType", j.detection().type());
            m.put("framework", j.detection().framework());
            m.put("pid", j.proc().pid());
            m.put("ppid", j.proc().ppid());
            m.put("pgid", j.proc().pgid());
            m.put("processName", j.proc().comm());
            m.put("commandLine", String.join(" ", Redactor.redact(j.proc().argv())));
            m.put("cwd", j.cwd());
            m.put("user", j.user());
            m.put("status", j.present() ? j.proc().status() : "gone");
            m.put("startTime", Math.round(j.startTimeSeconds() * 1000));
            m.put("lastSeen", Math.round(j.lastSeenSeconds() * 1000));
            m.put("devices", j.devices());
            DistributedJob d = j.distributed();
            if (d != null) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("id", d.id());
                dm.put("role", d.role());
                dm.put("launcher", d.launcher());
                dm.put("rank", d.rank());
                dm.put("worldSize", d.worldSize());
                dm.put("nodeRank", d.nodeRank());
                dm.put("source", d.source());
                m.put("distributed", dm);
            }
            if (j.parameters() != null) {
                m.put("parameters", new java.util.TreeMap<>(j.parameters().values()));
                m.put("configFile", j.parameters().configFile());
                if (configBytes > 0 && !j.parameters().configFile().isEmpty()) {
                    m.put("configContent", ConfigContent.read(j.cwd(), j.parameters().configFile(), configBytes));
                }
            }
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", list);
        out.put("timestamp", System.currentTimeMillis());
        return out;
    }

    static String json(Object value) throws IOException {
        return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }
}
