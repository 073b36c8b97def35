package io.accelmon.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A job's parameters, parsed from the arguments after its script or module: {@code --batch_size 32},
 * {@code --lr=1e-4}, hydra-style {@code key=value} (also {@code +key=value}), a bare {@code --flag} as {@code true}.
 * Values of secret-looking names are hidden and every value goes through {@link Redactor}. {@code configFile} is the
 * value of a config-like option ({@code --config}, {@code --cfg}, {@code --deepspeed_config}, hydra's
 * {@code --config-path}/{@code --config-name}) or the first value naming a {@code .yaml/.yml/.json/.toml} file;
 * "" when none. Only for the job report, never metric labels.
 */
public record JobParameters(Map<String, String> values, String configFile) {

    private static final Pattern CONFIG_NAME = Pattern.compile("(?i)^(.*_)?(config|cfg|conf)(_file|_path)?$");
    private static final Pattern CONFIG_FILE = Pattern.compile("(?i).+\\.(ya?ml|json|toml)$");
    private static final Pattern HYDRA = Pattern.compile("^\\+{0,2}([A-Za-z_][A-Za-z0-9_.\\-]*)=(.*)$");

    public static JobParameters parse(List<String> argv) {
        int start = scriptEnd(argv);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = start; i < argv.size(); i++) {
            String a = argv.get(i);
            String name;
            String value;
            if (a.startsWith("-") && a.length() > 1 && !a.equals("--") && !isNumber(a)) {
                name = a.replaceFirst("^-+", "");
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < argv.size() && (!argv.get(i + 1).startsWith("-") || isNumber(argv.get(i + 1)))
                        && !HYDRA.matcher(argv.get(i + 1)).matches()) {
                    value = argv.get(++i);
                } else {
                    value = "true";
                }
            } else {
                var m = HYDRA.matcher(a);
                if (!m.matches()) {
                    continue; // a positional argument: no name to show it under
                }
                name = m.group(1);
                value = m.group(2);
            }
            name = name.replace('-', '_');
            values.putIfAbsent(name, Redactor.isSecretName(name) ? Redactor.HIDDEN : Redactor.value(value));
        }
        return new JobParameters(Map.copyOf(values), configFile(values));
    }

    private static String configFile(Map<String, String> values) {
        String path = values.get("config_path");
        String name = values.get("config_name");
        if (path != null && name != null) {
            return path + "/" + (CONFIG_FILE.matcher(name).matches() ? name : name + ".yaml");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (CONFIG_NAME.matcher(e.getKey()).matches() && !e.getValue().equals("true")
                    && !e.getValue().equals(Redactor.HIDDEN) && !e.getKey().equals("config_name")) {
                return e.getValue();
            }
        }
        return values.values().stream().filter(v -> CONFIG_FILE.matcher(v).matches()).findFirst().orElse("");
    }

    /** Index of the first argument after the script ({@code x.py}) or the {@code -m} module; 1 when neither. */
    private static int scriptEnd(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-m") && i + 1 < argv.size()) {
                return i + 2;
            }
            if (a.endsWith(".py") && !a.startsWith("-")) {
                return i + 1;
            }
        }
        return 1;
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    }
}
