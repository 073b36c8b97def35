package io.accelmon.core.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps uids to user names through a passwd file, re-read only when the file changes; an unknown uid maps to the number
 * itself, like {@code ps} does.
 */
public final class PasswdUsers {

    private final Path passwd;
    private Map<Long, String> names = Map.of();
    private long loadedModified = Long.MIN_VALUE;
    private long loadedSize = -1;

    public PasswdUsers(Path passwd) {
        this.passwd = passwd;
    }

    public synchronized String name(long uid) {
        refresh();
        String name = names.get(uid);
        return name != null ? name : Long.toString(uid);
    }

    private void refresh() {
        try {
            long modified = Files.getLastModifiedTime(passwd).toMillis();
            long size = Files.size(passwd);
            if (modified == loadedModified && size == loadedSize) {
                return;
            }
            Map<Long, String> parsed = new HashMap<>();
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length < 3 || f[0].isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    parsed.putIfAbsent(Long.parseLong(f[2].trim()), f[0]);
                } catch (NumberFormatException skip) {
                    // NIS "+" entries and comments carry no uid
                }
            }
            names = parsed;
            loadedModified = modified;
            loadedSize = size;
        } catch (IOException e) {
            // no passwd file (minimal container): uids stay numbers
            names = Map.of();
        }
    }
}
