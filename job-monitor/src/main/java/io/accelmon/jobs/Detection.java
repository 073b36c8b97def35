package io.accelmon.jobs;

/** What the rules made of a command line: framework ("" when none), job name (script or module) and job type. */
public record Detection(String framework, String jobName, String type) {
}
