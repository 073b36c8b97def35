package io.accelmon.provisioning.check;

/** One scrape target as Prometheus sees it: which job, where, and whether the last scrape worked. */
public record TargetState(String job, String instance, boolean up, String lastError) {
}
