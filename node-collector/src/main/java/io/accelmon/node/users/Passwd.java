package io.accelmon.node.users;

import java.util.HashMap;
import java.util.Map;

/** /etc/passwd: uid to user name. */
public final class Passwd {

    private Passwd() {
    }

    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 3) {
                continue;
            }
            try {
                names.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
            } catch (NumberFormatException ignored) {
                // NIS "+" lines and other odd entries carry no uid
            }
        }
        return names;
    }
}
