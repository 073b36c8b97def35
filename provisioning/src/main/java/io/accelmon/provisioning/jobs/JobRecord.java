package io.accelmon.provisioning.jobs;

import java.time.Instant;
import java.util.List;

/**
 * One job of the history, as Prometheus remembers it: where and whose, what it was, its distributed job and rank
 * ("" when on one process), first/last seen, status, devices and peaks. {@code cpuSeconds}, {@code peakResidentBytes}
 * and {@code peakDeviceMemoryBytes} are NaN when no sample says.
 */
public record JobRecord(String server, String jobId, String user, String framework, String type, String jobName,
                        String pid, String distributedJob, String rank, Instant firstSeen, Instant lastSeen,
                        Status status, List<String> devices, double cpuSeconds, double peakResidentBytes,
                        double peakDeviceMemoryBytes) {

    /** running: seen lately; ended: the monitor saw the process go; lost: it vanished unseen (no update since). */
    public enum Status { running, ended, lost }

    /** Device-hours inside [from, to]: devices held × the part of the job's life inside the window. */
    public double deviceHours(Instant from, Instant to) {
        Instant start = firstSeen.isBefore(from) ? from : firstSeen;
        Instant end = lastSeen.isAfter(to) ? to : lastSeen;
        double hours = Math.max(0, end.toEpochMilli() - start.toEpochMilli()) / 3_600_000.0;
        return devices.size() * hours;
    }
}
