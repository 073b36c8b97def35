package io.accelmon.npu.smi;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code npu-smi info -h}: the {@code type:} list tells which {@code -t} reports this npu-smi knows, so the background
 * loop asks only for those (older builds lack {@code proc-mem}, 310 lacks {@code usages} HBM fields...).
 */
public final class HelpText {

    private static final Pattern TYPE_LIST = Pattern.compile("type:\\s*(.*?)(?:\\.\\s*$|\\R\\s*\\R|\\z)",
            Pattern.DOTALL | Pattern.MULTILINE);

    private HelpText() {
    }

    public static Set<String> reportTypes(String help) {
        Set<String> types = new LinkedHashSet<>();
        Matcher m = TYPE_LIST.matcher(help == null ? "" : help);
        if (m.find()) {
            for (String t : m.group(1).split("[,\\s]+")) {
                String type = t.strip().replaceAll("\\.$", "");
                if (type.matches("[a-z0-9_-]+")) {
                    types.add(type);
                }
            }
        }
        return types;
    }
}
