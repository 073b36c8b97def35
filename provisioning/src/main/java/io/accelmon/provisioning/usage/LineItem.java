package io.accelmon.provisioning.usage;

/**
 * One billable line: a user's GPU time of one model, or CPU core time, on one server. {@code seconds} is the time
 * held (GPU) or core-seconds (CPU); {@code smBusySeconds} the SM-busy seconds of that GPU model, NaN on CPU lines and
 * where gpu-exporter measured no per-process utilization; {@code chargedSeconds} what the price applies to (held or
 * SM-busy time, as the prices file says; core-seconds on CPU lines). {@code cost} is NaN without a prices file or
 * when no price matches; {@code peakGpuMemoryBytes} is NaN on CPU lines.
 */
public record LineItem(String user, String server, String hostname, Kind kind, String resource, double seconds,
                       double smBusySeconds, double chargedSeconds, double peakGpuMemoryBytes, double pricePerMinute,
                       double cost) {

    /** What is measured. */
    public enum Kind { gpu, cpu }

    public double hours() {
        return seconds / 3600.0;
    }

    public double smBusyHours() {
        return smBusySeconds / 3600.0;
    }

    public double chargedHours() {
        return chargedSeconds / 3600.0;
    }
}
