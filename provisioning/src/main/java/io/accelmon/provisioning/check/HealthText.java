package io.accelmon.provisioning.check;

import java.util.Locale;

/** Renders a {@link HealthReport} as the health-check text: one block per server, then the services. */
public final class HealthText {

    private HealthText() {
    }

    public static String render(HealthReport report) {
        StringBuilder out = new StringBuilder();
        for (ServerHealth s : report.servers()) {
            out.append("[server] ").append(s.name());
            String id = join(s.role().equals(s.name()) ? "" : "role " + s.role(), s.hostname(), s.ip(), s.location());
            if (!id.isEmpty()) {
                out.append(" (").append(id).append(')');
            }
            if (s.missing()) {
                out.append(" - MISSING: in the cluster file, but Prometheus scrapes nothing there\n\n");
                continue;
            }
            out.append(s.reachable() ? (s.allUp() ? " - reachable\n" : " - reachable, some exporters DOWN\n")
                    : " - UNREACHABLE\n");
            NodeStats n = s.node();
            if (n.known()) {
                out.append("  uptime:    ").append(uptime(n.uptimeSeconds())).append('\n');
                out.append("  load:      ").append(num(n.load1())).append(", ").append(num(n.load5()))
                        .append(", ").append(num(n.load15())).append('\n');
                out.append("  memory:    ").append(memory(n.memoryUsedBytes(), n.memoryTotalBytes())).append('\n');
            } else {
                out.append("  node:      no node-collector data\n");
            }
            out.append("  exporters:\n");
            for (TargetState t : s.targets()) {
                out.append(String.format(Locale.ROOT, "    %-18s %-22s %s", t.job(), t.instance(), t.up() ? "UP" : "DOWN"));
                if (!t.up() && !t.lastError().isEmpty()) {
                    out.append("  (").append(t.lastError()).append(')');
                }
                out.append('\n');
            }
            out.append('\n');
        }
        out.append("[services]\n");
        for (ServiceStatus svc : report.services()) {
            out.append(String.format(Locale.ROOT, "  %-13s %-30s %s", svc.name(), svc.url().isEmpty() ? "-" : svc.url(),
                    svc.state()));
            if (!svc.detail().isEmpty()) {
                out.append("  (").append(svc.detail()).append(')');
            }
            out.append('\n');
        }
        long missing = report.servers().stream().filter(ServerHealth::missing).count();
        out.append('\n').append(String.format(Locale.ROOT, "summary: %d servers, %d/%d targets up%s -> %s%n",
                report.servers().size(), report.targetsUp(), report.targetCount(),
                missing > 0 ? ", " + missing + " missing" : "", report.allUp() ? "ALL UP" : "SOMETHING DOWN"));
        return out.toString();
    }

    static String uptime(double seconds) {
        if (Double.isNaN(seconds)) {
            return "unknown";
        }
        long s = (long) seconds;
        long d = s / 86400;
        long h = s % 86400 / 3600;
        long m = s % 3600 / 60;
        if (d > 0) {
            return d + "d " + h + "h " + m + "m";
        }
        return h > 0 ? h + "h " + m + "m" : m + "m " + s % 60 + "s";
    }

    static String memory(double used, double total) {
        if (Double.isNaN(total) || total <= 0) {
            return "unknown";
        }
        String pct = Double.isNaN(used) ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * used / total);
        return gib(used) + " / " + gib(total) + pct;
    }

    static String gib(double bytes) {
        return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                b.append(b.length() == 0 ? "" : ", ").append(p);
            }
        }
        return b.toString();
    }
}
