package io.accelmon.node.source;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/** The libc calls the timex and sockstat collectors need: adjtimex(2) and getpagesize(2). */
public final class Kernel {

    interface CLib extends Library {
        int adjtimex(Memory buf);

        int getpagesize();
    }

    private static final class Holder {
        static final CLib C = Native.load("c", CLib.class);
        static final int PAGE_SIZE = C.getpagesize();
    }

    private Kernel() {
    }

    public static int pageSize() {
        return Holder.PAGE_SIZE;
    }

    /** adjtimex(2) with modes 0 (read only); the kernel's struct timex as read from LP64 Linux. */
    public static Timex adjtimex() {
        try (Memory buf = new Memory(Timex.STRUCT_SIZE)) {
            buf.clear();
            int state = Holder.C.adjtimex(buf);
            if (state < 0) {
                throw new IllegalStateException("adjtimex(2) failed, errno " + Native.getLastError());
            }
            return Timex.of(state, buf);
        }
    }
}
