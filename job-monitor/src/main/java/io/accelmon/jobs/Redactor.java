package io.accelmon.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in a command line before it leaves the node, by their shape rather than by a list of known flags:
 * the value of any option whose name looks secret ({@code --x v}, {@code --x=v}, and {@code -p v} / {@code -pV}),
 * {@code Authorization:}, {@code Cookie:} and other secret-named header values, URL userinfo and secret-named query
 * parameters, and {@code key=value}, {@code "key": value} and {@code key: value} pairs with secret-looking keys.
 */
public final class Redactor {

    public static final String HIDDEN = "***";
    /** A name is secret when one of its parts contains one of these. */
    private static final List<String> STEMS = List.of("pass", "pwd", "token", "secret", "key", "auth", "credential",
            "cookie", "session", "signature", "private");
    /** Parts that contain a stem but name no secret; leaving them shown keeps job command lines readable. */
    private static final Set<String> NOT_SECRET = Set.of("keyword", "keywords", "author", "authors", "tokenizer",
            "tokens", "keyboard", "monkey", "passes", "bypass", "compass", "passthrough");
    /** Short options that commonly take a password: {@code mysql -pX}, {@code sshpass -p X}. */
    private static final Set<String> SECRET_SHORT = Set.of("-p");
    /** Options whose value is {@code user:password} (curl, wget). */
    private static final Set<String> USER_COLON_PASSWORD = Set.of("-u", "--user", "--proxy-user");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");

    private static final Pattern HEADER = Pattern.compile("^(\\s*([A-Za-z0-9_.-]+)\\s*:\\s*)(.*)$", Pattern.DOTALL);
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)^((?:bearer|basic|token|digest|negotiate)\\s+)");
    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\\s]+)@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#\\s]+)=([^&;#\\s]*)");
    private static final Pattern KEY_VALUE = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)=([^\\s&;,]*)");
    private static final Pattern KEY_COLON_VALUE = Pattern.compile(
            "([\"']?)([A-Za-z0-9_.-]+)\\1(\\s*:\\s*)"
                    + "((?i:(?:bearer|basic|token)\\s+)?(?:\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,}\\]\"']+))");

    private Redactor() {
    }

    public static List<String> redact(List<String> argv) {
        List<String> out = new ArrayList<>();
        boolean hideNext = false;
        boolean userNext = false;
        for (String arg : argv) {
            if (hideNext && !arg.startsWith("--")) {
                out.add(HIDDEN);
                hideNext = false;
                continue;
            }
            hideNext = false;
            if (userNext) {
                out.add(userColonPassword(arg));
                userNext = false;
                continue;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String flag = eq >= 0 ? arg.substring(0, eq) : arg;
                String value = eq >= 0 ? arg.substring(eq + 1) : null;
                if (isSecretName(flag)) {
                    if (value == null || value.isEmpty()) {
                        out.add(arg);
                        hideNext = true; // "--password X", and "--password= X" where the value slipped apart
                    } else {
                        out.add(flag + "=" + HIDDEN);
                    }
                } else if (USER_COLON_PASSWORD.contains(flag)) {
                    if (value == null) {
                        out.add(arg);
                        userNext = true;
                    } else {
                        out.add(flag + "=" + userColonPassword(value));
                    }
                } else {
                    out.add(value == null ? value(arg) : flag + "=" + value(value));
                }
                continue;
            }
            if (arg.startsWith("-") && arg.length() >= 2 && Character.isLetter(arg.charAt(1))) {
                String shortFlag = arg.substring(0, 2);
                String attached = arg.substring(2);
                if (SECRET_SHORT.contains(shortFlag)) {
                    if (attached.isEmpty()) {
                        out.add(arg);
                        hideNext = true;
                    } else {
                        out.add(shortFlag + HIDDEN);
                    }
                    continue;
                }
                if (USER_COLON_PASSWORD.contains(shortFlag)) {
                    if (attached.isEmpty()) {
                        out.add(arg);
                        userNext = true;
                    } else {
                        out.add(shortFlag + userColonPassword(attached));
                    }
                    continue;
                }
                if (!attached.isEmpty()) {
                    out.add(shortFlag + value(attached)); // -H'Authorization: Bearer x'
                    continue;
                }
            }
            out.add(value(arg));
        }
        return out;
    }

    /** Redacts secrets inside one free-standing value: a header, a URL, key=value or key: value pairs. */
    public static String value(String v) {
        Matcher h = HEADER.matcher(v);
        if (h.matches() && !h.group(3).startsWith("//") && isSecretHeader(h.group(2))) {
            Matcher scheme = AUTH_SCHEME.matcher(h.group(3));
            return h.group(1) + (scheme.find() ? scheme.group(1) : "") + HIDDEN;
        }
        String s = replace(URL_USERINFO, v, m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            return m.group(1) + (colon >= 0 ? info.substring(0, colon + 1) : "") + HIDDEN + "@";
        });
        s = replace(QUERY_PARAM, s, m -> isSecretName(m.group(2)) && !m.group(3).isEmpty()
                ? m.group(1) + m.group(2) + "=" + HIDDEN : m.group());
        s = replace(KEY_VALUE, s, m -> isSecretName(m.group(1)) && !m.group(2).isEmpty()
                && !m.group(2).equals(HIDDEN) ? m.group(1) + "=" + HIDDEN : m.group());
        s = replace(KEY_COLON_VALUE, s, m -> {
            if (!isSecretName(m.group(2)) || m.group(4).startsWith("//")) {
                return m.group();
            }
            String val = m.group(4);
            Matcher scheme = AUTH_SCHEME.matcher(val);
            String keep = scheme.find() ? scheme.group(1) : "";
            String rest = val.substring(keep.length());
            String quote = rest.startsWith("\"") ? "\"" : rest.startsWith("'") ? "'" : "";
            return m.group(1) + m.group(2) + m.group(1) + m.group(3) + quote + keep + HIDDEN + quote;
        });
        return s;
    }

    private static String userColonPassword(String v) {
        int colon = v.indexOf(':');
        return colon < 0 ? v : v.substring(0, colon + 1) + HIDDEN;
    }

    private static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(n) || isSecretName(n);
    }

    /** Whether an option, header, parameter or key name looks like it names a secret. */
    public static boolean isSecretName(String name) {
        String n = name.replaceFirst("^-+", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return false;
        }
        for (String part : n.split("[-_.]+")) {
            if (NOT_SECRET.contains(part)) {
                continue;
            }
            if (part.equals("sig") || part.equals("pw")) {
                return true;
            }
            for (String stem : STEMS) {
                if (part.contains(stem)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
