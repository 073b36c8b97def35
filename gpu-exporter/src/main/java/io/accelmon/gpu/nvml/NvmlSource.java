package io.accelmon.gpu.nvml;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import io.accelmon.gpu.model.MigInstance;
import io.accelmon.gpu.model.NvLink;
import io.accelmon.gpu.model.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Reads every GPU through NVML. GPUs are enumerated once at start (handles stay valid for the process lifetime); a
 * call answering {@code NVML_ERROR_NOT_SUPPORTED} leaves its reading absent, {@code NVML_ERROR_GPU_IS_LOST} reports
 * that GPU lost while the others are still read. Each read is a few dozen cheap driver calls per GPU.
 */
public final class NvmlSource implements GpuSource {

    private static final Logger LOG = Logger.getLogger(NvmlSource.class.getName());
    public static final Duration DEFAULT_GPM_INTERVAL = Duration.ofSeconds(1);
    private static final int MEMORY_V2_VERSION = 0x02000028; // NVML_STRUCT_VERSION(Memory, 2): sizeof 40 | 2 << 24
    private static final int NAME_BUFFER = 96;
    private static final int PCI_INFO_SIZE = 68;
    private static final int PCI_BUS_ID_OFFSET = 36;
    private static final int PSTATE_UNKNOWN = 32;
    private static final int CLOCK_GRAPHICS = 0;
    private static final int CLOCK_SM = 1;
    private static final int CLOCK_VIDEO = 3;
    private static final int CLOCK_MEM = 2;
    private static final int AGGREGATE_ECC = 1;
    private static final long VALUE_NOT_AVAILABLE = -1L;

    private static final int NVLINK_MAX_LINKS = 18;

    private final NvmlLibrary nvml;
    private final String driverVersion;
    private final List<NvmlGpu> gpus;
    private volatile boolean memoryV2;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final GpmSampler gpm;
    /** MIG devices per GPU index, enumerated at start (a MIG reconfiguration needs a restart to be seen). */
    private final Map<Integer, List<Mig>> migs;

    private record Mig(Pointer handle, int gpuInstanceId, int computeInstanceId, String uuid, String profile) {
    }
    /** Per GPU: the newest process utilization sample seen (µs) and when the previous read ran (nanoTime). */
    private final Map<Integer, long[]> processSampleState = new ConcurrentHashMap<>();

    private NvmlSource(NvmlLibrary nvml, Duration gpmInterval) throws NvmlException {
        this.nvml = nvml;
        this.driverVersion = nvml.systemDriverVersion();
        this.memoryV2 = nvml.getMemoryInfoV2 != null;
        int count = nvml.deviceCount();
        List<NvmlGpu> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            found.add(identify(i));
        }
        this.gpus = List.copyOf(found);
        Map<Integer, List<Mig>> migs = new java.util.HashMap<>();
        Map<Integer, List<Integer>> gpuInstances = new java.util.HashMap<>();
        for (NvmlGpu gpu : gpus) {
            List<Mig> of = enumerateMigs(gpu);
            if (!of.isEmpty()) {
                migs.put(gpu.index(), of);
                gpuInstances.put(gpu.index(), of.stream().map(Mig::gpuInstanceId).distinct().toList());
            }
        }
        this.migs = Map.copyOf(migs);
        this.gpm = GpmSampler.start(nvml, gpus, gpuInstances, gpmInterval);
    }

    /** Loads and initialises NVML from {@code libraryPath} and enumerates the GPUs; GPM sampled every second. */
    public static NvmlSource open(String libraryPath) throws NvmlUnavailableException {
        return open(libraryPath, DEFAULT_GPM_INTERVAL);
    }

    /** As {@link #open(String)}, sampling GPM every {@code gpmInterval} (zero: no GPM). */
    public static NvmlSource open(String libraryPath, Duration gpmInterval) throws NvmlUnavailableException {
        NvmlLibrary nvml = NvmlLibrary.open(libraryPath);
        try {
            return new NvmlSource(nvml, gpmInterval);
        } catch (NvmlException e) {
            throw new NvmlUnavailableException("NVML device enumeration failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "nvml";
    }

    public NvmlLibrary library() {
        return nvml;
    }

    /** The GPUs found at start, in index order. */
    public List<NvmlGpu> gpus() {
        return gpus;
    }

    /** Whether GPU {@code index} answered yes to {@code nvmlGpmQueryDeviceSupport} (and GPM sampling runs). */
    public boolean gpmSupported(int index) {
        return gpm.supports(index);
    }

    @Override
    public void close() {
        gpm.close();
    }

    /** Whether memory is read with {@code nvmlDeviceGetMemoryInfo_v2} (reserved reported apart) rather than v1. */
    public boolean memoryInfoV2() {
        return memoryV2;
    }

    @Override
    public GpuSnapshot read() {
        List<GpuDevice> devices = new ArrayList<>(gpus.size());
        List<GpuProcess> processes = new ArrayList<>();
        List<MigInstance> instances = new ArrayList<>();
        for (NvmlGpu gpu : gpus) {
            if (gpu.handle() == null) {
                devices.add(GpuDevice.lost(gpu.index(), gpu.uuid(), gpu.name(), gpu.pciBusId()));
                continue;
            }
            try {
                devices.add(readDevice(gpu));
                processes.addAll(withUtilization(gpu, readProcesses(gpu)));
                instances.addAll(readMigs(gpu));
            } catch (NvmlException lost) {
                if (logged.add("lost " + gpu.index())) {
                    LOG.warning(() -> "GPU " + gpu.index() + " (" + gpu.uuid() + ") is lost: " + lost.getMessage());
                }
                devices.add(GpuDevice.lost(gpu.index(), gpu.uuid(), gpu.name(), gpu.pciBusId()));
            }
        }
        return new GpuSnapshot(driverVersion, devices, processes, instances);
    }

    /** The MIG devices of a GPU in MIG mode: GPU/compute instance ids, MIG uuid and profile from the MIG name. */
    private List<Mig> enumerateMigs(NvmlGpu gpu) {
        if (gpu.handle() == null || nvml.getMigMode == null || nvml.getMaxMigDeviceCount == null
                || nvml.getMigDeviceHandleByIndex == null || nvml.getGpuInstanceId == null) {
            return List.of();
        }
        IntByReference current = new IntByReference();
        IntByReference pending = new IntByReference();
        IntByReference count = new IntByReference();
        if (nvml.call(nvml.getMigMode, gpu.handle(), current, pending) != NvmlReturn.SUCCESS || current.getValue() != 1
                || nvml.call(nvml.getMaxMigDeviceCount, gpu.handle(), count) != NvmlReturn.SUCCESS) {
            return List.of();
        }
        List<Mig> out = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            com.sun.jna.ptr.PointerByReference ref = new com.sun.jna.ptr.PointerByReference();
            if (nvml.call(nvml.getMigDeviceHandleByIndex, gpu.handle(), i, ref) != NvmlReturn.SUCCESS) {
                continue; // NOT_FOUND: no MIG device at this index
            }
            Pointer mig = ref.getValue();
            IntByReference gi = new IntByReference();
            IntByReference ci = new IntByReference(-1);
            if (nvml.call(nvml.getGpuInstanceId, mig, gi) != NvmlReturn.SUCCESS) {
                continue;
            }
            if (nvml.getComputeInstanceId != null) {
                nvml.call(nvml.getComputeInstanceId, mig, ci);
            }
            String name = string(nvml.getName, mig);
            int at = name.lastIndexOf("MIG ");
            out.add(new Mig(mig, gi.getValue(), ci.getValue(), string(nvml.getUuid, mig),
                    at >= 0 ? name.substring(at + 4).trim() : name));
        }
        LOG.info(() -> "GPU " + gpu.index() + " is in MIG mode with " + out.size() + " MIG device(s)");
        return List.copyOf(out);
    }

    private List<MigInstance> readMigs(NvmlGpu gpu) throws NvmlException {
        List<Mig> of = migs.getOrDefault(gpu.index(), List.of());
        List<MigInstance> out = new ArrayList<>(of.size());
        for (Mig m : of) {
            Map<Reading, Double> r = new EnumMap<>(Reading.class);
            Memory mem = new Memory(24);
            mem.clear();
            if (ok(gpu, nvml.getMemoryInfoV1, nvml.call(nvml.getMemoryInfoV1, m.handle(), mem))) {
                r.put(Reading.MEMORY_TOTAL_BYTES, unsigned(mem.getLong(0)));
                r.put(Reading.MEMORY_FREE_BYTES, unsigned(mem.getLong(8)));
                r.put(Reading.MEMORY_USED_BYTES, unsigned(mem.getLong(16)));
            }
            r.putAll(gpm.latest(gpu.index(), m.gpuInstanceId()));
            out.add(new MigInstance(gpu.index(), m.gpuInstanceId(), m.computeInstanceId(), m.uuid(), m.profile(), r));
        }
        return out;
    }

    private NvmlGpu identify(int index) {
        Pointer handle;
        try {
            handle = nvml.handle(index);
        } catch (NvmlException e) {
            LOG.warning(() -> "GPU " + index + ": no handle, reported lost: " + e.getMessage());
            return new NvmlGpu(index, null, "", "", "");
        }
        return new NvmlGpu(index, handle, string(nvml.getUuid, handle), string(nvml.getName, handle), pciBusId(handle));
    }

    private String string(Function f, Pointer handle) {
        Memory buf = new Memory(NAME_BUFFER);
        buf.clear();
        return nvml.call(f, handle, buf, NAME_BUFFER) == NvmlReturn.SUCCESS ? buf.getString(0) : "";
    }

    private String pciBusId(Pointer handle) {
        Memory pci = new Memory(PCI_INFO_SIZE);
        pci.clear();
        return nvml.call(nvml.getPciInfo, handle, pci) == NvmlReturn.SUCCESS ? pci.getString(PCI_BUS_ID_OFFSET) : "";
    }

    private GpuDevice readDevice(NvmlGpu gpu) throws NvmlException {
        Pointer h = gpu.handle();
        Map<Reading, Double> r = new EnumMap<>(Reading.class);
        IntByReference a = new IntByReference();
        IntByReference b = new IntByReference();
        LongByReference l = new LongByReference();

        Memory util = new Memory(8);
        if (ok(gpu, nvml.getUtilizationRates, nvml.call(nvml.getUtilizationRates, h, util))) {
            r.put(Reading.UTILIZATION, (double) Integer.toUnsignedLong(util.getInt(0)));
            r.put(Reading.MEMORY_UTILIZATION, (double) Integer.toUnsignedLong(util.getInt(4)));
        }
        readMemory(gpu, r);
        if (ok(gpu, nvml.getTemperature, nvml.call(nvml.getTemperature, h, 0, a))) {
            r.put(Reading.TEMPERATURE_CELSIUS, unsigned(a));
        }
        if (ok(gpu, nvml.getPowerUsage, nvml.call(nvml.getPowerUsage, h, a))) {
            r.put(Reading.POWER_DRAW_WATTS, unsigned(a) / 1000.0);
        }
        if (ok(gpu, nvml.getEnforcedPowerLimit, nvml.call(nvml.getEnforcedPowerLimit, h, a))) {
            r.put(Reading.POWER_LIMIT_WATTS, unsigned(a) / 1000.0);
        }
        if (optional(gpu, nvml.getTotalEnergyConsumption, h, l)) {
            r.put(Reading.ENERGY_JOULES, unsigned(l.getValue()) / 1000.0);
        }
        if (ok(gpu, nvml.getClockInfo, nvml.call(nvml.getClockInfo, h, CLOCK_SM, a))) {
            r.put(Reading.SM_CLOCK_HERTZ, unsigned(a) * 1e6);
        }
        if (ok(gpu, nvml.getClockInfo, nvml.call(nvml.getClockInfo, h, CLOCK_MEM, a))) {
            r.put(Reading.MEMORY_CLOCK_HERTZ, unsigned(a) * 1e6);
        }
        if (ok(gpu, nvml.getClockInfo, nvml.call(nvml.getClockInfo, h, CLOCK_GRAPHICS, a))) {
            r.put(Reading.GRAPHICS_CLOCK_HERTZ, unsigned(a) * 1e6);
        }
        if (ok(gpu, nvml.getClockInfo, nvml.call(nvml.getClockInfo, h, CLOCK_VIDEO, a))) {
            r.put(Reading.VIDEO_CLOCK_HERTZ, unsigned(a) * 1e6);
        }
        if (optional(gpu, nvml.getMaxClockInfo, h, CLOCK_GRAPHICS, a)) {
            r.put(Reading.GRAPHICS_CLOCK_MAX_HERTZ, unsigned(a) * 1e6);
        }
        if (optional(gpu, nvml.getMaxClockInfo, h, CLOCK_MEM, a)) {
            r.put(Reading.MEMORY_CLOCK_MAX_HERTZ, unsigned(a) * 1e6);
        }
        if (optional(gpu, nvml.getComputeMode, h, a)) {
            r.put(Reading.COMPUTE_MODE, unsigned(a));
        }
        // nvmlGpuFabricInfo_t: clusterUuid[16], status @16, cliqueId @20, unsigned char state @24; 28 bytes
        Memory fabric = new Memory(32);
        fabric.clear();
        if (optional(gpu, nvml.getGpuFabricInfo, h, fabric)) {
            r.put(Reading.FABRIC_STATE, (double) (fabric.getByte(24) & 0xff));
        }
        if (ok(gpu, nvml.getPerformanceState, nvml.call(nvml.getPerformanceState, h, a)) && a.getValue() != PSTATE_UNKNOWN) {
            r.put(Reading.PSTATE, (double) a.getValue());
        }
        if (optional(gpu, nvml.getFanSpeed, h, a)) {
            r.put(Reading.FAN_SPEED_PERCENT, unsigned(a));
        }
        if (nvml.getTotalEccErrors != null) {
            if (ok(gpu, nvml.getTotalEccErrors, nvml.call(nvml.getTotalEccErrors, h, 0, AGGREGATE_ECC, l))) {
                r.put(Reading.ECC_CORRECTED_ERRORS, unsigned(l.getValue()));
            }
            if (ok(gpu, nvml.getTotalEccErrors, nvml.call(nvml.getTotalEccErrors, h, 1, AGGREGATE_ECC, l))) {
                r.put(Reading.ECC_UNCORRECTED_ERRORS, unsigned(l.getValue()));
            }
        }
        readRemappedRows(gpu, r);
        if (optional(gpu, nvml.getEncoderUtilization, h, a, b)) {
            r.put(Reading.ENCODER_UTILIZATION, unsigned(a));
        }
        if (optional(gpu, nvml.getDecoderUtilization, h, a, b)) {
            r.put(Reading.DECODER_UTILIZATION, unsigned(a));
        }
        if (optional(gpu, nvml.getMigMode, h, a, b)) {
            r.put(Reading.MIG_MODE, unsigned(a));
        }
        readFieldValues(gpu, r);
        OptionalLong reasons = OptionalLong.empty();
        if (optional(gpu, nvml.getClocksEventReasons, h, l)) {
            reasons = OptionalLong.of(l.getValue());
        }
        r.putAll(gpm.latest(gpu.index()));
        return new GpuDevice(gpu.index(), gpu.uuid(), gpu.name(), gpu.pciBusId(), false, r, reasons, nvlinks(gpu));
    }

    private void readMemory(NvmlGpu gpu, Map<Reading, Double> r) throws NvmlException {
        if (memoryV2) {
            Memory m = new Memory(40);
            m.clear();
            m.setInt(0, MEMORY_V2_VERSION);
            int rc = nvml.call(nvml.getMemoryInfoV2, gpu.handle(), m);
            if (rc == NvmlReturn.ERROR_ARGUMENT_VERSION_MISMATCH || rc == NvmlReturn.ERROR_FUNCTION_NOT_FOUND) {
                LOG.info(() -> "nvmlDeviceGetMemoryInfo_v2 answered " + rc + "; using nvmlDeviceGetMemoryInfo");
                memoryV2 = false;
            } else {
                if (ok(gpu, nvml.getMemoryInfoV2, rc)) {
                    r.put(Reading.MEMORY_TOTAL_BYTES, unsigned(m.getLong(8)));
                    r.put(Reading.MEMORY_RESERVED_BYTES, unsigned(m.getLong(16)));
                    r.put(Reading.MEMORY_FREE_BYTES, unsigned(m.getLong(24)));
                    r.put(Reading.MEMORY_USED_BYTES, unsigned(m.getLong(32)));
                }
                return;
            }
        }
        Memory m = new Memory(24);
        if (ok(gpu, nvml.getMemoryInfoV1, nvml.call(nvml.getMemoryInfoV1, gpu.handle(), m))) {
            // v1 counts driver-reserved memory as used; reserved is not reported apart
            r.put(Reading.MEMORY_TOTAL_BYTES, unsigned(m.getLong(0)));
            r.put(Reading.MEMORY_FREE_BYTES, unsigned(m.getLong(8)));
            r.put(Reading.MEMORY_USED_BYTES, unsigned(m.getLong(16)));
        }
    }

    private void readRemappedRows(NvmlGpu gpu, Map<Reading, Double> r) throws NvmlException {
        if (nvml.getRemappedRows == null) {
            return;
        }
        IntByReference corr = new IntByReference();
        IntByReference unc = new IntByReference();
        IntByReference pending = new IntByReference();
        IntByReference failure = new IntByReference();
        if (ok(gpu, nvml.getRemappedRows, nvml.call(nvml.getRemappedRows, gpu.handle(), corr, unc, pending, failure))) {
            r.put(Reading.REMAPPED_ROWS_CORRECTABLE, unsigned(corr));
            r.put(Reading.REMAPPED_ROWS_UNCORRECTABLE, unsigned(unc));
            r.put(Reading.REMAPPED_ROWS_PENDING, unsigned(pending) != 0 ? 1.0 : 0.0);
            r.put(Reading.REMAPPED_ROWS_FAILURE, unsigned(failure) != 0 ? 1.0 : 0.0);
        }
    }

    /** Memory temperature, PCIe byte counters (instead of the 20 ms nvmlDeviceGetPcieThroughput), retired pages. */
    private void readFieldValues(NvmlGpu gpu, Map<Reading, Double> r) throws NvmlException {
        if (nvml.getFieldValues == null) {
            return;
        }
        int[] ids = NvmlField.ALL.stream().mapToInt(f -> f.id).toArray();
        NvmlStructs.FieldValue[] values = fieldValues(gpu, ids, new int[ids.length]);
        if (values == null) {
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            NvmlField f = NvmlField.ALL.get(i);
            fieldValue(gpu, values[i]).ifPresent(v -> r.put(f.reading, v * f.scale));
        }
    }

    /** One nvmlDeviceGetFieldValues call for {@code ids} (with scope ids); null when the call itself failed. */
    private NvmlStructs.FieldValue[] fieldValues(NvmlGpu gpu, int[] ids, int[] scopes) throws NvmlException {
        NvmlStructs.FieldValue[] values = NvmlStructs.array(new NvmlStructs.FieldValue(), ids.length);
        for (int i = 0; i < ids.length; i++) {
            values[i].fieldId = ids[i];
            values[i].scopeId = scopes[i];
        }
        return ok(gpu, nvml.getFieldValues, nvml.call(nvml.getFieldValues, gpu.handle(), ids.length, values))
                ? values : null;
    }

    /** One entry of a field value answer, checking its own return code (the call succeeds if any did). */
    private java.util.OptionalDouble fieldValue(NvmlGpu gpu, NvmlStructs.FieldValue value) throws NvmlException {
        if (value.nvmlReturn == NvmlReturn.ERROR_GPU_IS_LOST) {
            throw nvml.error(nvml.getFieldValues, value.nvmlReturn);
        }
        if (value.nvmlReturn != NvmlReturn.SUCCESS) {
            logOnce(gpu, "field " + value.fieldId, value.nvmlReturn);
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(value.number());
    }

    /** Links whose state NVML reports, with their data counters (fields 138/139 per link, KiB). */
    private List<NvLink> nvlinks(NvmlGpu gpu) throws NvmlException {
        if (nvml.getNvLinkState == null) {
            return List.of();
        }
        IntByReference active = new IntByReference();
        List<Integer> links = new ArrayList<>();
        List<Boolean> up = new ArrayList<>();
        for (int link = 0; link < NVLINK_MAX_LINKS; link++) {
            int rc = nvml.call(nvml.getNvLinkState, gpu.handle(), link, active);
            if (rc == NvmlReturn.ERROR_GPU_IS_LOST) {
                throw nvml.error(nvml.getNvLinkState, rc);
            }
            if (rc == NvmlReturn.SUCCESS) {
                links.add(link);
                up.add(active.getValue() != 0);
            } else if (link == 0) {
                logOnce(gpu, "nvmlDeviceGetNvLinkState", rc);
                return List.of(); // no NVLink on this GPU
            }
        }
        if (links.isEmpty()) {
            return List.of();
        }
        NvmlStructs.FieldValue[] values = null;
        if (nvml.getFieldValues != null) {
            int[] ids = new int[links.size() * 2];
            int[] scopes = new int[ids.length];
            for (int i = 0; i < links.size(); i++) {
                ids[2 * i] = NvmlField.NVLINK_THROUGHPUT_DATA_TX;
                ids[2 * i + 1] = NvmlField.NVLINK_THROUGHPUT_DATA_RX;
                scopes[2 * i] = links.get(i);
                scopes[2 * i + 1] = links.get(i);
            }
            values = fieldValues(gpu, ids, scopes);
        }
        List<NvLink> out = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            java.util.OptionalDouble tx = java.util.OptionalDouble.empty();
            java.util.OptionalDouble rx = java.util.OptionalDouble.empty();
            if (values != null) {
                tx = kib(fieldValue(gpu, values[2 * i]));
                rx = kib(fieldValue(gpu, values[2 * i + 1]));
            }
            out.add(new NvLink(links.get(i), up.get(i), tx, rx));
        }
        return out;
    }

    private static java.util.OptionalDouble kib(java.util.OptionalDouble v) {
        return v.isPresent() ? java.util.OptionalDouble.of(v.getAsDouble() * 1024) : v;
    }

    /**
     * Adds each process's mean SM utilization since the previous read ({@code nvmlDeviceGetProcessUtilization} with
     * the newest timestamp seen so far). A running process without a sample in the window was idle: 0.
     */
    private List<GpuProcess> withUtilization(NvmlGpu gpu, List<GpuProcess> processes) throws NvmlException {
        Function f = nvml.getProcessUtilization;
        if (f == null || processes.isEmpty()) {
            return processes;
        }
        long now = System.nanoTime();
        long[] state = processSampleState.computeIfAbsent(gpu.index(), i -> new long[] {0L, 0L});
        long lastSeen = state[0];
        double window = state[1] == 0 ? 0 : (now - state[1]) / 1e9;
        IntByReference count = new IntByReference(0);
        int rc = nvml.call(f, gpu.handle(), null, count, lastSeen);
        Map<Long, double[]> sums = new java.util.HashMap<>();
        if (rc == NvmlReturn.SUCCESS || rc == NvmlReturn.ERROR_INSUFFICIENT_SIZE) {
            if (count.getValue() > 0) {
                int room = count.getValue() + 8;
                NvmlStructs.ProcessUtilizationSample[] samples =
                        NvmlStructs.array(new NvmlStructs.ProcessUtilizationSample(), room);
                count.setValue(room);
                rc = nvml.call(f, gpu.handle(), samples, count, lastSeen);
                if (rc == NvmlReturn.SUCCESS) {
                    for (int i = 0; i < Math.min(count.getValue(), room); i++) {
                        long pid = Integer.toUnsignedLong(samples[i].pid);
                        long ts = samples[i].timeStamp;
                        double sm = Integer.toUnsignedLong(samples[i].smUtil);
                        lastSeen = Math.max(lastSeen, ts);
                        double[] acc = sums.computeIfAbsent(pid, p -> new double[2]);
                        acc[0] += Math.min(100, sm);
                        acc[1]++;
                    }
                }
            }
        } else if (rc != NvmlReturn.ERROR_NOT_FOUND) {
            // NOT_FOUND means "no sample since lastSeen": every process idle in the window
            ok(gpu, f, rc);
            return processes;
        }
        if (rc != NvmlReturn.SUCCESS && rc != NvmlReturn.ERROR_NOT_FOUND && rc != NvmlReturn.ERROR_INSUFFICIENT_SIZE) {
            ok(gpu, f, rc);
            return processes;
        }
        state[0] = lastSeen;
        state[1] = now;
        List<GpuProcess> out = new ArrayList<>(processes.size());
        for (GpuProcess p : processes) {
            double[] acc = sums.get(p.pid());
            double ratio = acc == null ? 0 : acc[0] / acc[1] / 100.0;
            out.add(p.withUtilization(ratio, window));
        }
        return out;
    }

    private List<GpuProcess> readProcesses(NvmlGpu gpu) throws NvmlException {
        Function f = nvml.getComputeRunningProcesses;
        if (f == null) {
            return List.of();
        }
        IntByReference count = new IntByReference(0);
        int rc = nvml.call(f, gpu.handle(), count, null);
        NvmlStructs.ProcessInfo[] infos = null;
        int room = 0;
        for (int attempt = 0; rc == NvmlReturn.ERROR_INSUFFICIENT_SIZE && attempt < 3; attempt++) {
            room = count.getValue() + 8; // the list can grow between the two calls
            infos = NvmlStructs.array(new NvmlStructs.ProcessInfo(), room);
            count.setValue(room);
            rc = nvml.call(f, gpu.handle(), count, infos);
        }
        if (!ok(gpu, f, rc) || infos == null) {
            return List.of();
        }
        List<GpuProcess> result = new ArrayList<>();
        for (int i = 0; i < Math.min(count.getValue(), room); i++) {
            long pid = Integer.toUnsignedLong(infos[i].pid);
            long used = infos[i].usedGpuMemory;
            int gi = infos[i].gpuInstanceId; // 0xFFFFFFFF outside MIG
            result.add(new GpuProcess(gpu.index(), gpu.uuid(), pid,
                    used == VALUE_NOT_AVAILABLE ? OptionalLong.empty() : OptionalLong.of(used),
                    java.util.OptionalDouble.empty(), 0, gi == -1 ? java.util.OptionalInt.empty()
                    : java.util.OptionalInt.of(gi)));
        }
        return result;
    }

    /** Calls an optional symbol {@code f(handle, out...)}; false when absent or not supported. */
    private boolean optional(NvmlGpu gpu, Function f, Object... args) throws NvmlException {
        if (f == null) {
            return false;
        }
        return ok(gpu, f, nvml.call(f, args));
    }

    private boolean ok(NvmlGpu gpu, Function f, int rc) throws NvmlException {
        if (rc == NvmlReturn.SUCCESS) {
            return true;
        }
        if (rc == NvmlReturn.ERROR_GPU_IS_LOST) {
            throw nvml.error(f, rc);
        }
        logOnce(gpu, f.getName(), rc);
        return false;
    }

    private void logOnce(NvmlGpu gpu, String what, int rc) {
        if (logged.add(gpu.index() + " " + what + " " + rc)) {
            LOG.fine(() -> "GPU " + gpu.index() + ": " + what + " answered " + rc + " (" + nvml.errorString(rc)
                    + "); that series stays absent");
        }
    }

    private static double unsigned(IntByReference ref) {
        return Integer.toUnsignedLong(ref.getValue());
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : Double.parseDouble(Long.toUnsignedString(value));
    }
}
