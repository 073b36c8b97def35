package io.accelmon.provisioning.kit;

import java.nio.file.Path;
import java.util.Set;

/** Directories a kit is never written to, whatever they hold: the root, top-level system directories, homes. */
final class ForbiddenDirs {

    private static final Set<String> SYSTEM = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64",
            "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
            "/usr/local", "/var/lib", "/var/tmp", "/etc/prometheus", "/etc/alertmanager", "/etc/grafana");

    private ForbiddenDirs() {
    }

    static void check(Path absolute) throws KitRefused {
        Path p = absolute.normalize();
        String s = p.toString();
        String why = null;
        if (SYSTEM.contains(s) || p.getNameCount() <= 1) {
            why = "a system directory";
        } else if (p.getParent() != null && p.getParent().toString().equals("/home")) {
            why = "a home directory";
        } else if (p.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize())) {
            why = "your home directory";
        }
        if (why != null) {
            throw new KitRefused(s + ": is " + why + "; a kit goes into a directory of its own (e.g. "
                    + "/etc/accelmon/kit)");
        }
    }
}
