package io.accelmon.node.source;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/** uname(2) through JNA: the same six fields node_exporter's uname collector reports. */
public record Uname(String sysname, String nodename, String release, String version, String machine,
                    String domainname) {

    /** glibc's struct utsname on Linux: six char[65] fields. */
    static final int FIELD_LENGTH = 65;

    interface CLib extends Library {
        int uname(byte[] buf);
    }

    private static final class Holder {
        static final CLib C = Native.load("c", CLib.class);
    }

    public static Uname read() {
        byte[] buf = new byte[FIELD_LENGTH * 6];
        if (Holder.C.uname(buf) != 0) {
            throw new IllegalStateException("uname(2) failed, errno " + Native.getLastError());
        }
        return parse(buf);
    }

    static Uname parse(byte[] buf) {
        String[] f = new String[6];
        for (int i = 0; i < 6; i++) {
            int start = i * FIELD_LENGTH;
            int end = start;
            while (end < start + FIELD_LENGTH && buf[end] != 0) {
                end++;
            }
            f[i] = new String(buf, start, end - start, StandardCharsets.UTF_8);
        }
        return new Uname(f[0], f[1], f[2], f[3], f[4], f[5]);
    }
}
