package io.accelmon.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a launcher's command line up to the script it starts: {@code --nnodes 2}, {@code --node-rank=1},
 * {@code -np 4}. Names lose their dashes and use underscores ({@code --master-addr} is {@code master_addr}).
 */
final class LauncherArguments {

    private LauncherArguments() {
    }

    static Map<String, String> parse(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                break; // the script or program the launcher runs; its own arguments are not the launcher's
            }
            String name = a.replaceFirst("^-+", "");
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")
                    && !args.get(i + 1).endsWith(".py")) {
                value = args.get(++i);
            } else {
                value = "true";
            }
            out.putIfAbsent(name.replace('-', '_'), value);
        }
        return out;
    }
}
