package io.accelmon.provisioning.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Renders a {@link UsageReport} as a table for people, CSV for spreadsheets (the accounting export) or JSON. */
public final class UsageFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private UsageFormat() {
    }

    public static String table(UsageReport report) {
        StringBuilder out = new StringBuilder();
        out.append("usage ").append(report.from()).append(" .. ").append(report.to())
                .append(" (step ").append(report.step().toSeconds()).append("s)\n");
        List<LineItem> lines = report.lines();
        if (lines.isEmpty()) {
            out.append("no per-user GPU or CPU series in this window (is node-collector run with --collector.users,"
                    + " and gpu-exporter scraped?)\n");
            return out.toString();
        }
        String fmt = "%-12s %-12s %-4s %-28s %12s %12s %13s %12s%n";
        out.append(String.format(Locale.ROOT, fmt, "USER", "SERVER", "KIND", "RESOURCE", "HOURS", "SM-BUSY H",
                "PEAK GPU MEM", "COST"));
        for (LineItem l : lines) {
            out.append(String.format(Locale.ROOT, fmt, l.user(), l.server(), l.kind(), l.resource(),
                    String.format(Locale.ROOT, "%.4f", l.hours()),
                    Double.isNaN(l.smBusySeconds()) ? "" : String.format(Locale.ROOT, "%.4f", l.smBusyHours()),
                    Double.isNaN(l.peakGpuMemoryBytes()) ? "" : mib(l.peakGpuMemoryBytes()),
                    Double.isNaN(l.cost()) ? "" : String.format(Locale.ROOT, "%.2f", l.cost())));
        }
        if (report.prices().isPresent()) {
            String basis = report.gpuCharge() == GpuCharge.SM_BUSY ? " (GPU charged by SM-busy hours)" : "";
            out.append(String.format(Locale.ROOT, "TOTAL %.2f %s", report.totalCost(),
                    report.prices().get().currency()).stripTrailing()).append(basis).append('\n');
        }
        return out.toString();
    }

    public static String csv(UsageReport report) {
        StringBuilder out = new StringBuilder(
                "user,server,hostname,kind,resource,hours,peak_gpu_memory_bytes,price_per_minute,cost,sm_busy_hours,"
                        + "charged_hours\n");
        for (LineItem l : report.lines()) {
            out.append(String.join(",", cell(l.user()), cell(l.server()), cell(l.hostname()), l.kind().name(),
                    cell(l.resource()), num(l.hours()), num(l.peakGpuMemoryBytes()), num(l.pricePerMinute()),
                    num(l.cost()), num(l.smBusyHours()), num(l.chargedHours()))).append('\n');
        }
        return out.toString();
    }

    public static String json(UsageReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("step_seconds", report.step().toMillis() / 1000.0);
        report.prices().ifPresent(p -> root.put("currency", p.currency()).put("gpu_charge", p.gpuCharge().key()));
        ArrayNode users = root.putArray("usage");
        for (UsageRow r : report.rows()) {
            ObjectNode o = users.addObject();
            o.put("user", r.user());
            o.put("server", r.server());
            o.put("hostname", r.hostname());
            o.put("cpu_core_seconds", r.cpuCoreSeconds());
            o.put("cpu_core_hours", r.cpuCoreSeconds() / 3600.0);
            o.put("peak_gpu_memory_bytes", r.peakGpuMemoryBytes());
            ObjectNode gpu = o.putObject("gpu_hours_by_model");
            r.gpuSecondsByModel().forEach((m, s) -> gpu.put(m, s / 3600.0));
            ObjectNode busy = o.putObject("gpu_sm_busy_hours_by_model");
            r.smBusySecondsByModel().forEach((m, s) -> busy.put(m, s / 3600.0));
        }
        ArrayNode lines = root.putArray("lines");
        for (LineItem l : report.lines()) {
            ObjectNode o = lines.addObject();
            o.put("user", l.user());
            o.put("server", l.server());
            o.put("kind", l.kind().name());
            o.put("resource", l.resource());
            o.put("hours", l.hours());
            if (Double.isNaN(l.smBusySeconds())) {
                o.putNull("sm_busy_hours");
            } else {
                o.put("sm_busy_hours", l.smBusyHours());
            }
            if (Double.isNaN(l.chargedSeconds())) {
                o.putNull("charged_hours");
            } else {
                o.put("charged_hours", l.chargedHours());
            }
            if (Double.isNaN(l.cost())) {
                o.putNull("cost");
            } else {
                o.put("cost", l.cost());
            }
        }
        if (report.prices().isPresent()) {
            root.put("total_cost", report.totalCost());
        }
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
