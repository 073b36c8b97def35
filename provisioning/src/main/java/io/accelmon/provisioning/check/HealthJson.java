package io.accelmon.provisioning.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link HealthReport} as JSON for scripts ({@code --output json}); unknown numbers are null. */
public final class HealthJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HealthJson() {
    }

    public static String render(HealthReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("prometheus", report.prometheusUrl());
        root.put("status", report.allUp() ? "up" : "down");
        root.put("targets_up", report.targetsUp());
        root.put("targets_total", report.targetCount());
        ArrayNode servers = root.putArray("servers");
        for (ServerHealth s : report.servers()) {
            ObjectNode o = servers.addObject();
            o.put("name", s.name());
            o.put("role", s.role());
            o.put("hostname", s.hostname());
            o.put("ip", s.ip());
            o.put("location", s.location());
            o.put("missing", s.missing());
            o.put("reachable", s.reachable());
            o.put("all_up", s.allUp());
            NodeStats n = s.node();
            number(o, "uptime_seconds", n.uptimeSeconds());
            ArrayNode load = o.putArray("load");
            for (double l : new double[] {n.load1(), n.load5(), n.load15()}) {
                if (Double.isNaN(l)) {
                    load.addNull();
                } else {
                    load.add(l);
                }
            }
            number(o, "memory_used_bytes", n.memoryUsedBytes());
            number(o, "memory_total_bytes", n.memoryTotalBytes());
            ArrayNode targets = o.putArray("exporters");
            for (TargetState t : s.targets()) {
                ObjectNode to = targets.addObject();
                to.put("job", t.job());
                to.put("instance", t.instance());
                to.put("up", t.up());
                to.put("last_error", t.lastError());
            }
        }
        ArrayNode services = root.putArray("services");
        for (ServiceStatus svc : report.services()) {
            ObjectNode o = services.addObject();
            o.put("name", svc.name());
            o.put("url", svc.url());
            o.put("state", svc.state().name().toLowerCase(java.util.Locale.ROOT));
            o.put("detail", svc.detail());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
