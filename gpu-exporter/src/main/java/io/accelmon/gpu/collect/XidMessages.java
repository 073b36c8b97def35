package io.accelmon.gpu.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Short descriptions of Xid codes (NVIDIA's catalog names) for dcgm-exporter's {@code err_msg} label. */
final class XidMessages {

    static final String UNKNOWN = "Unknown Error";
    private static final Map<Long, String> MESSAGES = load();

    private XidMessages() {
    }

    static String of(long xid) {
        return MESSAGES.getOrDefault(xid, UNKNOWN);
    }

    private static Map<Long, String> load() {
        Map<Long, String> out = new HashMap<>();
        try (InputStream in = XidMessages.class.getResourceAsStream("xid-messages.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    out.put(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
