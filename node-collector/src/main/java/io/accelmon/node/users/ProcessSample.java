package io.accelmon.node.users;

/**
 * One process as the users collector sees it: identity (pid and start time, so a reused pid is a new process), real
 * uid, CPU time used so far in ticks, and resident memory in bytes.
 */
public record ProcessSample(int pid, long startTime, int uid, long cpuTicks, long residentBytes) {

    /**
     * Parses /proc/[pid]/stat and /proc/[pid]/status. The command name in stat may hold spaces and parentheses, so
     * fields are counted from the last ')'.
     */
    public static ProcessSample parse(int pid, String stat, String status) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("no ')' in /proc/" + pid + "/stat");
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        long start = Long.parseLong(f[19]);
        int uid = -1;
        long rss = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        if (uid < 0) {
            throw new IllegalArgumentException("no Uid line in /proc/" + pid + "/status");
        }
        return new ProcessSample(pid, start, uid, utime + stime, rss);
    }
}
