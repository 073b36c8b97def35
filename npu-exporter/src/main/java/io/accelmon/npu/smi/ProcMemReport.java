package io.accelmon.npu.smi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code npu-smi info -t proc-mem -i N}: {@code Process id:P  Process name:NAME  Process memory(MB):M} lines. */
public final class ProcMemReport {

    private static final Pattern LINE = Pattern.compile(
            "Process id:\\s*(\\d+)\\s+Process name:(.*?)\\s*Process memory\\(MB\\):\\s*(\\d+)");

    /** One process; {@code name} may be empty. */
    public record Entry(long pid, String name, long memoryMb) {
    }

    private ProcMemReport() {
    }

    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        Matcher m = LINE.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(new Entry(Long.parseLong(m.group(1)), m.group(2).strip(), Long.parseLong(m.group(3))));
        }
        return out;
    }
}
