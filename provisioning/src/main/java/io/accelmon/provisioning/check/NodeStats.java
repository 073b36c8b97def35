package io.accelmon.provisioning.check;

/** What node-collector says about a server right now; a field is NaN when Prometheus has no value for it. */
public record NodeStats(double uptimeSeconds, double load1, double load5, double load15,
                        double memoryUsedBytes, double memoryTotalBytes) {

    public static final NodeStats NONE = new NodeStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(uptimeSeconds) || !Double.isNaN(load1) || !Double.isNaN(memoryTotalBytes);
    }
}
