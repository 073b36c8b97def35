package io.accelmon.node.source;

import com.sun.jna.Pointer;

/** The fields of the kernel's struct timex (LP64 layout) and adjtimex(2)'s clock state. */
public record Timex(int state, long offset, long freq, long maxerror, long esterror, int status, long constant,
                    long tick, long ppsfreq, long jitter, int shift, long stabil, long jitcnt, long calcnt,
                    long errcnt, long stbcnt, int tai) {

    /** sizeof(struct timex) on x86_64 and aarch64 (includes the kernel's trailing padding). */
    static final int STRUCT_SIZE = 208;
    /** adjtimex(2) return value: clock not synchronized. */
    public static final int TIME_ERROR = 5;
    /** status bit: offset and jitter in nanoseconds instead of microseconds. */
    public static final int STA_NANO = 0x2000;

    static Timex of(int state, Pointer p) {
        return new Timex(state, p.getLong(8), p.getLong(16), p.getLong(24), p.getLong(32), p.getInt(40),
                p.getLong(48), p.getLong(88), p.getLong(96), p.getLong(104), p.getInt(112), p.getLong(120),
                p.getLong(128), p.getLong(136), p.getLong(144), p.getLong(152), p.getInt(160));
    }
}
