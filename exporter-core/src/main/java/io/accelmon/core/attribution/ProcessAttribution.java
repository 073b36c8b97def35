package io.accelmon.core.attribution;

/**
 * Who owns a process on an accelerator: user name, command name (never its arguments), Slurm job id and short
 * container id. A field is the empty string when unknown.
 */
public record ProcessAttribution(long pid, String user, String command, String slurmJob, String container) {

    public ProcessAttribution {
        user = orEmpty(user);
        command = orEmpty(command);
        slurmJob = orEmpty(slurmJob);
        container = orEmpty(container);
    }

    /** The attribution of a pid about which nothing is known (e.g. it exited). */
    public static ProcessAttribution unknown(long pid) {
        return new ProcessAttribution(pid, "", "", "", "");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
