package io.accelmon.node.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /proc/mdstat: one record per md array, with node_exporter's reading of state, disks and sync progress. */
public final class MdStat {

    /**
     * @param state active, inactive, recovering, resync or check (a running sync wins over active)
     * @param disksTotal the {@code [n/m]} n (0 for an inactive array); @param disksActive its m
     */
    public record Array(String name, String state, long disksTotal, long disksActive, long disksFailed,
                        long disksSpare, long blocks, long blocksSynced) {
    }

    private static final Pattern STATUS = Pattern.compile("\\[(\\d+)/(\\d+)\\]");
    private static final Pattern SYNC = Pattern.compile("(recovery|resync|check|reshape)\\s*=\\s*[0-9.]+%\\s*"
            + "\\((\\d+)/(\\d+)\\)");

    private MdStat() {
    }

    public static List<Array> parse(Path file, String text) throws IOException {
        List<Array> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("md") || !line.contains(" : ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                throw new IOException(file + ":" + (i + 1) + ": too few fields for an md array");
            }
            String activity = f[2];
            long failed = 0;
            long spare = 0;
            for (int k = 3; k < f.length; k++) {
                if (f[k].endsWith("(F)")) {
                    failed++;
                } else if (f[k].endsWith("(S)")) {
                    spare++;
                }
            }
            if (i + 1 >= lines.length) {
                throw new IOException(file + ":" + (i + 1) + ": array without a status line");
            }
            String status = lines[i + 1].trim();
            long blocks = number(file, i + 2, status.split("\\s+")[0]);
            long total = 0;
            long active = 0;
            Matcher m = STATUS.matcher(status);
            if (m.find()) {
                total = Long.parseLong(m.group(1));
                active = Long.parseLong(m.group(2));
            }
            String state = activity.equals("inactive") ? "inactive" : "active";
            long synced = blocks;
            for (int k = i + 2; k < lines.length && !lines[k].isBlank() && !lines[k].startsWith("md"); k++) {
                Matcher s = SYNC.matcher(lines[k]);
                if (s.find()) {
                    state = s.group(1).equals("recovery") ? "recovering" : s.group(1);
                    synced = Long.parseLong(s.group(2));
                    break;
                }
            }
            out.add(new Array(f[0], state, total, active, failed, spare, blocks, synced));
        }
        return out;
    }

    private static long number(Path file, int line, String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + line + ": blocks: not a number: '" + s + "'");
        }
    }
}
