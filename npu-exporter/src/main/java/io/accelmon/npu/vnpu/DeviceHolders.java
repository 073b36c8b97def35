package io.accelmon.npu.vnpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which processes hold a device node open: the device number of each node is compared with that of every open file
 * under {@code /proc/<pid>/fd}. The number, not the path, identifies the device, because a container sees its own
 * node (a vNPU's {@code /dev/vdavinci<id>} is {@code /dev/davinci<n>} inside the container). Unreadable processes
 * (gone, or not ours to read) are skipped.
 */
public final class DeviceHolders {

    private final Path procRoot;
    private final Path devDir;

    public DeviceHolders(Path procRoot, Path devDir) {
        this.procRoot = procRoot;
        this.devDir = devDir;
    }

    public static DeviceHolders system() {
        return new DeviceHolders(Path.of("/proc"), Path.of("/dev"));
    }

    /** For each node name under the device directory, the pids holding it; a name with no device node maps to none. */
    public Map<String, Set<Long>> holders(Collection<String> names) {
        Map<Long, String> byNumber = new HashMap<>();
        Map<String, Set<Long>> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, new TreeSet<>());
            Long number = deviceNumber(devDir.resolve(name));
            if (number != null) {
                byNumber.put(number, name);
            }
        }
        if (byNumber.isEmpty()) {
            return out;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(procRoot, p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                for (String name : openDevices(proc.resolve("fd"), byNumber)) {
                    out.get(name).add(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static Set<String> openDevices(Path fdDir, Map<Long, String> byNumber) {
        Set<String> found = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                Long number = deviceNumber(fd);
                if (number != null && byNumber.containsKey(number)) {
                    found.add(byNumber.get(number));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended or is not readable by this user: it holds nothing we can see
        }
        return found;
    }

    /** The device number of a character or block device (following links), or null for anything else. */
    private static Long deviceNumber(Path path) {
        try {
            Object rdev = Files.getAttribute(path, "unix:rdev");
            long n = rdev instanceof Long l ? l : 0L;
            return n != 0 ? n : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
