package io.accelmon.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.accelmon.gpu.model.XidCounts;
import java.util.logging.Logger;

/**
 * Counts Xid errors from NVML's event API on a daemon thread: one event set registered for
 * {@code nvmlEventTypeXidCriticalError} on every GPU, waited on with a short timeout so the thread notices close().
 */
public final class XidWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(XidWatcher.class.getName());
    private static final long XID_CRITICAL_ERROR = 0x8L;
    private static final int EVENT_DATA_SIZE = 32;
    private static final int WAIT_MS = 500;

    private final NvmlSource source;
    private final XidCounts counts;
    private volatile boolean running = true;
    private Thread thread;

    private XidWatcher(NvmlSource source, XidCounts counts) {
        this.source = source;
        this.counts = counts;
    }

    /** Starts watching; returns a watcher that does nothing when this driver has no event API. */
    public static XidWatcher start(NvmlSource source, XidCounts counts) {
        XidWatcher watcher = new XidWatcher(source, counts);
        NvmlLibrary nvml = source.library();
        if (nvml.eventSetCreate == null || nvml.registerEvents == null || nvml.eventSetWait == null) {
            LOG.warning("this NVML has no event API: Xid errors are not counted");
            return watcher;
        }
        PointerByReference setRef = new PointerByReference();
        int rc = nvml.call(nvml.eventSetCreate, setRef);
        if (rc != NvmlReturn.SUCCESS) {
            LOG.warning(() -> "nvmlEventSetCreate failed (" + rc + "): Xid errors are not counted");
            return watcher;
        }
        Pointer set = setRef.getValue();
        int registered = 0;
        for (NvmlGpu gpu : source.gpus()) {
            if (gpu.handle() == null) {
                continue;
            }
            int r = nvml.call(nvml.registerEvents, gpu.handle(), XID_CRITICAL_ERROR, set);
            if (r == NvmlReturn.SUCCESS) {
                registered++;
            } else {
                LOG.info(() -> "GPU " + gpu.index() + ": Xid events not available (" + r + ")");
            }
        }
        if (registered == 0) {
            watcher.free(set);
            return watcher;
        }
        watcher.thread = new Thread(() -> watcher.loop(set), "nvml-xid-events");
        watcher.thread.setDaemon(true);
        watcher.thread.start();
        return watcher;
    }

    private void loop(Pointer set) {
        NvmlLibrary nvml = source.library();
        Memory data = new Memory(EVENT_DATA_SIZE);
        while (running) {
            data.clear();
            int rc = nvml.call(nvml.eventSetWait, set, data, WAIT_MS);
            if (rc == NvmlReturn.SUCCESS) {
                if ((data.getLong(8) & XID_CRITICAL_ERROR) != 0) {
                    record(data.getPointer(0), data.getLong(16));
                }
            } else if (rc != NvmlReturn.ERROR_TIMEOUT) {
                // GPU lost or driver trouble: keep waiting, but do not spin
                sleep();
            }
        }
        free(set);
    }

    private void record(Pointer device, long xid) {
        for (NvmlGpu gpu : source.gpus()) {
            if (device != null && device.equals(gpu.handle())) {
                counts.record(gpu.index(), xid);
                LOG.warning(() -> "GPU " + gpu.index() + " (" + gpu.uuid() + "): Xid " + xid);
                return;
            }
        }
        LOG.warning(() -> "Xid " + xid + " from an unknown device");
    }

    private void free(Pointer set) {
        NvmlLibrary nvml = source.library();
        if (nvml.eventSetFree != null) {
            nvml.call(nvml.eventSetFree, set);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2L * WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
