package io.accelmon.provisioning.usage;

/**
 * One billable line: a user's GPU time of one model, or CPU core time, on one server. {@code cost} is NaN without a
 * prices file or when no price matches; {@code peakGpuMemoryBytes} is NaN on CPU lines.
 */
public record LineItem(String user, String server, String hostname, Kind kind, String resource, double seconds,
                       double peakGpuMemoryBytes, double pricePerMinute, double cost) {

    /** What is measured. */
    public enum Kind { gpu, cpu }

    public double hours() {
        return seconds / 3600.0;
    }
}
