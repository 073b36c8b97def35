package io.accelmon.node.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** /proc/1/mounts with node_exporter's default mount point and file system type excludes. */
public final class Mounts {

    /** node_exporter 1.5's {@code --collector.filesystem.mount-points-exclude} default. */
    public static final Pattern DEFAULT_MOUNT_POINTS_EXCLUDE = Pattern.compile(
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");

    /** node_exporter 1.5's {@code --collector.filesystem.fs-types-exclude} default. */
    public static final Pattern DEFAULT_FS_TYPES_EXCLUDE = Pattern.compile(
            "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue"
                    + "|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$");

    public record Mount(String device, String mountPoint, String fsType, boolean readOnly) {
    }

    private Mounts() {
    }

    /** The mounts to report, in file order, without excluded ones and without repeated mount points. */
    public static List<Mount> parse(String text, Pattern mountPointsExclude, Pattern fsTypesExclude) {
        List<Mount> mounts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 4) {
                continue;
            }
            String mountPoint = unescape(f[1]);
            if (mountPointsExclude.matcher(mountPoint).find() || fsTypesExclude.matcher(f[2]).find()) {
                continue;
            }
            boolean readOnly = false;
            for (String option : f[3].split(",")) {
                if (option.equals("ro")) {
                    readOnly = true;
                    break;
                }
            }
            Mount mount = new Mount(unescape(f[0]), mountPoint, f[2], readOnly);
            if (seen.add(mount.device() + "\0" + mountPoint + "\0" + mount.fsType())) {
                mounts.add(mount);
            }
        }
        return mounts;
    }

    /** The kernel writes space, tab, newline and backslash in mount fields as octal escapes ({@code \040}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
