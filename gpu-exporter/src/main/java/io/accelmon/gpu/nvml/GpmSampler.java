package io.accelmon.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.accelmon.gpu.model.Reading;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples NVML's GPU Performance Monitoring counters on a daemon thread: every interval one
 * {@code nvmlGpmSampleGet} per supported GPU, and {@code nvmlGpmMetricsGet} over the previous and the new sample gives
 * the activity ratios and byte rates of that interval. A scrape only reads the latest result and never waits. GPUs
 * that {@code nvmlGpmQueryDeviceSupport} rejects (pre-Hopper) get no GPM readings at all.
 */
final class GpmSampler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GpmSampler.class.getName());
    private static final int SUPPORT_VERSION = 1;
    private static final int METRICS_GET_VERSION = 1;
    // nvmlGpmMetricsGet_t: version @0, numMetrics @4, sample1 @8, sample2 @16, metrics[] @24 of nvmlGpmMetric_t
    // (metricId @0, nvmlReturn @4, double value @8, three name pointers @16; 40 bytes). Room for 256 entries covers
    // NVML_GPM_METRIC_MAX of every header so far.
    private static final int METRICS_OFFSET = 24;
    private static final int METRIC_SIZE = 40;
    private static final int METRICS_BUFFER = METRICS_OFFSET + METRIC_SIZE * 256;

    /** One GPU, or one MIG GPU instance of it ({@code gpuInstance} >= 0): its two sample buffers, used alternately. */
    private static final class Gpu {
        final NvmlGpu gpu;
        final int gpuInstance;
        Pointer previous;
        Pointer current;
        boolean primed;

        Gpu(NvmlGpu gpu, int gpuInstance, Pointer previous, Pointer current) {
            this.gpu = gpu;
            this.gpuInstance = gpuInstance;
            this.previous = previous;
            this.current = current;
        }

        String key() {
            return key(gpu.index(), gpuInstance);
        }

        static String key(int index, int gpuInstance) {
            return index + "/" + gpuInstance;
        }
    }

    private final NvmlLibrary nvml;
    private final List<Gpu> gpus;
    private final long intervalMillis;
    private final Map<String, Map<Reading, Double>> latest = new ConcurrentHashMap<>();
    private final Memory request = new Memory(METRICS_BUFFER);
    private volatile boolean running = true;
    private Thread thread;

    private GpmSampler(NvmlLibrary nvml, List<Gpu> gpus, Duration interval) {
        this.nvml = nvml;
        this.gpus = gpus;
        this.intervalMillis = Math.max(10, interval.toMillis());
    }

    /**
     * Starts sampling the GPUs that support GPM, and the MIG GPU instances {@code migInstances} lists per GPU index
     * (through {@code nvmlGpmMigSampleGet}); a sampler without thread when none does or the API is absent.
     */
    static GpmSampler start(NvmlLibrary nvml, List<NvmlGpu> all, Map<Integer, List<Integer>> migInstances,
                            Duration interval) {
        if (!nvml.hasGpm() || interval.isZero() || interval.isNegative()) {
            return new GpmSampler(nvml, List.of(), interval);
        }
        List<Gpu> supported = new java.util.ArrayList<>();
        for (NvmlGpu gpu : all) {
            if (gpu.handle() == null || !supports(nvml, gpu)) {
                continue;
            }
            List<Integer> targets = new java.util.ArrayList<>();
            targets.add(-1);
            if (nvml.gpmMigSampleGet != null) {
                targets.addAll(migInstances.getOrDefault(gpu.index(), List.of()));
            }
            for (int gi : targets) {
                Pointer a = alloc(nvml);
                Pointer b = alloc(nvml);
                if (a != null && b != null) {
                    supported.add(new Gpu(gpu, gi, a, b));
                }
            }
        }
        GpmSampler sampler = new GpmSampler(nvml, List.copyOf(supported), interval);
        LOG.info(() -> "GPM profiling metrics on " + supported.stream().filter(g -> g.gpuInstance < 0).count() + " of "
                + all.size() + " GPU(s)"
                + (supported.isEmpty() ? "" : ", sampled every " + sampler.intervalMillis + " ms"));
        if (!supported.isEmpty()) {
            sampler.thread = new Thread(sampler::loop, "nvml-gpm");
            sampler.thread.setDaemon(true);
            sampler.thread.start();
        }
        return sampler;
    }

    private static boolean supports(NvmlLibrary nvml, NvmlGpu gpu) {
        Memory support = new Memory(8);
        support.clear();
        support.setInt(0, SUPPORT_VERSION);
        int rc = nvml.call(nvml.gpmQueryDeviceSupport, gpu.handle(), support);
        return rc == NvmlReturn.SUCCESS && support.getInt(4) != 0;
    }

    private static Pointer alloc(NvmlLibrary nvml) {
        PointerByReference ref = new PointerByReference();
        return nvml.call(nvml.gpmSampleAlloc, ref) == NvmlReturn.SUCCESS ? ref.getValue() : null;
    }

    /** The readings of the last completed interval for GPU {@code index}; empty before two samples or unsupported. */
    Map<Reading, Double> latest(int index) {
        return latest.getOrDefault(Gpu.key(index, -1), Map.of());
    }

    /** As {@link #latest(int)} for MIG GPU instance {@code gpuInstance} of GPU {@code index}. */
    Map<Reading, Double> latest(int index, int gpuInstance) {
        return latest.getOrDefault(Gpu.key(index, gpuInstance), Map.of());
    }

    boolean supports(int index) {
        return gpus.stream().anyMatch(g -> g.gpu.index() == index && g.gpuInstance < 0);
    }

    private void loop() {
        while (running) {
            for (Gpu g : gpus) {
                try {
                    sample(g);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "GPM sample of GPU " + g.gpu.index() + " failed", e);
                }
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(Gpu g) {
        int rc = g.gpuInstance < 0 ? nvml.call(nvml.gpmSampleGet, g.gpu.handle(), g.current)
                : nvml.call(nvml.gpmMigSampleGet, g.gpu.handle(), g.gpuInstance, g.current);
        if (rc != NvmlReturn.SUCCESS) {
            // a lost GPU or a reset: its GPM readings go absent until sampling works again
            latest.remove(g.key());
            g.primed = false;
            return;
        }
        if (g.primed) {
            Map<Reading, Double> readings = metrics(g.previous, g.current);
            if (readings.isEmpty()) {
                latest.remove(g.key());
            } else {
                latest.put(g.key(), readings);
            }
        }
        Pointer swap = g.previous;
        g.previous = g.current;
        g.current = swap;
        g.primed = true;
    }

    private Map<Reading, Double> metrics(Pointer first, Pointer second) {
        request.clear();
        request.setInt(0, METRICS_GET_VERSION);
        request.setInt(4, GpmMetric.ALL.size());
        request.setPointer(8, first);
        request.setPointer(16, second);
        for (int i = 0; i < GpmMetric.ALL.size(); i++) {
            request.setInt(METRICS_OFFSET + (long) i * METRIC_SIZE, GpmMetric.ALL.get(i).id);
        }
        Map<Reading, Double> out = new EnumMap<>(Reading.class);
        if (nvml.call(nvml.gpmMetricsGet, request) != NvmlReturn.SUCCESS) {
            return out;
        }
        for (int i = 0; i < GpmMetric.ALL.size(); i++) {
            long at = METRICS_OFFSET + (long) i * METRIC_SIZE;
            if (request.getInt(at + 4) == NvmlReturn.SUCCESS) {
                GpmMetric m = GpmMetric.ALL.get(i);
                double value = request.getDouble(at + 8);
                if (Double.isFinite(value) && value >= 0) {
                    out.put(m.reading, value * m.scale);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Gpu g : gpus) {
            nvml.call(nvml.gpmSampleFree, g.previous);
            nvml.call(nvml.gpmSampleFree, g.current);
        }
    }
}
