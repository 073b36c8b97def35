package io.accelmon.provisioning.check;

/** The node-collector queries behind a server block (node_exporter names, see docs/contracts.md). */
public enum NodeQuery {
    UPTIME("node_time_seconds - node_boot_time_seconds"),
    LOAD1("node_load1"),
    LOAD5("node_load5"),
    LOAD15("node_load15"),
    MEMORY_TOTAL("node_memory_MemTotal_bytes"),
    MEMORY_USED("node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes");

    private final String expr;

    NodeQuery(String expr) {
        this.expr = expr;
    }

    public String expr() {
        return expr;
    }
}
