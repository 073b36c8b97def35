package io.accelmon.npu.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides the values of secret-looking arguments before a command line leaves the node: {@code --password x},
 * {@code --token=x}, {@code --api-key x}, {@code --secret x}, {@code NAME_SECRET=x} / {@code _TOKEN=} / {@code _KEY=} /
 * {@code _PASSWORD=}, and passwords in URLs ({@code scheme://user:pass@host}).
 */
public final class Redactor {

    public static final String HIDDEN = "***";
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "token", "key", "secret",
            "credential", "credentials", "apikey", "auth", "passphrase");
    private static final Pattern ENV_STYLE = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_]*(?:SECRET|TOKEN|KEY|PASSWORD|PASSWD|CREDENTIALS?))=.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+):[^@/\\s]+@");

    private Redactor() {
    }

    public static List<String> redact(List<String> argv) {
        List<String> out = new ArrayList<>();
        boolean hideNext = false;
        for (String arg : argv) {
            if (hideNext) {
                out.add(HIDDEN);
                hideNext = false;
                continue;
            }
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                String flag = eq >= 0 ? arg.substring(0, eq) : arg;
                if (isSecretFlag(flag)) {
                    if (eq >= 0) {
                        out.add(flag + "=" + HIDDEN);
                    } else {
                        out.add(arg);
                        hideNext = true;
                    }
                    continue;
                }
            }
            var env = ENV_STYLE.matcher(arg);
            if (env.matches()) {
                out.add(env.group(1) + "=" + HIDDEN);
                continue;
            }
            out.add(URL_PASSWORD.matcher(arg).replaceAll("$1:" + HIDDEN + "@"));
        }
        return out;
    }

    static boolean isSecretFlag(String flag) {
        String name = flag.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("[-_.]")) {
            if (SECRET_WORDS.contains(part)) {
                return true;
            }
        }
        return SECRET_WORDS.contains(name.replaceAll("[-_.]", ""));
    }
}
