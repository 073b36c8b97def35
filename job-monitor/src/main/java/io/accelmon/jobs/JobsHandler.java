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
 * {@code GET /api/v1/jobs} (only with {@code --jobs.details}): seed 004's job report — pid, ppid, pgid, process name,
 * command line with secret-looking values redacted, cwd, framework, type, status, start time. Never environment
 * variables.
 */
public final class JobsHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobMonitor monitor;

    public JobsHandler(JobMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report(monitor.latest()));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, Object> report(List<Job> jobs) {
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
