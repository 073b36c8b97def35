package io.accelmon.gpu.nvml;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The JNA binding of libnvidia-ml: every symbol bound by its exported (versioned) name once, optional ones probed
 * with their fallbacks, {@code nvmlInit_v2} called once for the process lifetime.
 */
public final class NvmlLibrary {

    private static final Logger LOG = Logger.getLogger(NvmlLibrary.class.getName());
    private static final int DRIVER_VERSION_BUFFER = 80;

    private final NativeLibrary lib;
    private final String path;
    final Function errorString;
    final Function getCount;
    final Function getHandleByIndex;
    final Function getName;
    final Function getUuid;
    final Function getPciInfo;
    final Function getUtilizationRates;
    final Function getTemperature;
    final Function getPowerUsage;
    final Function getEnforcedPowerLimit;
    final Function getClockInfo;
    final Function getPerformanceState;
    // optional: null when this driver's library lacks them
    final Function getMemoryInfoV2;
    final Function getMemoryInfoV1;
    final Function getTotalEnergyConsumption;
    final Function getFanSpeed;
    final Function getClocksEventReasons;
    final Function getTotalEccErrors;
    final Function getRemappedRows;
    final Function getEncoderUtilization;
    final Function getDecoderUtilization;
    final Function getMigMode;
    final Function getFieldValues;
    final Function getComputeRunningProcesses;
    final Function eventSetCreate;
    final Function registerEvents;
    final Function eventSetWait;
    final Function eventSetFree;
    final Function getNvLinkState;
    final Function getMaxClockInfo;
    final Function getComputeMode;
    final Function getGpuFabricInfo;
    final Function getProcessUtilization;
    final Function gpmQueryDeviceSupport;
    final Function gpmSampleAlloc;
    final Function gpmSampleFree;
    final Function gpmSampleGet;
    final Function gpmMetricsGet;
    final Function gpmMigSampleGet;
    final Function getMaxMigDeviceCount;
    final Function getMigDeviceHandleByIndex;
    final Function getGpuInstanceId;
    final Function getComputeInstanceId;
    private final List<String> missing = new ArrayList<>();

    private NvmlLibrary(NativeLibrary lib, String path) {
        this.lib = lib;
        this.path = path;
        errorString = required("nvmlErrorString");
        getCount = required("nvmlDeviceGetCount_v2");
        getHandleByIndex = required("nvmlDeviceGetHandleByIndex_v2");
        getName = required("nvmlDeviceGetName");
        getUuid = required("nvmlDeviceGetUUID");
        getPciInfo = required("nvmlDeviceGetPciInfo_v3");
        getUtilizationRates = required("nvmlDeviceGetUtilizationRates");
        getTemperature = required("nvmlDeviceGetTemperature");
        getPowerUsage = required("nvmlDeviceGetPowerUsage");
        getEnforcedPowerLimit = required("nvmlDeviceGetEnforcedPowerLimit");
        getClockInfo = required("nvmlDeviceGetClockInfo");
        getPerformanceState = required("nvmlDeviceGetPerformanceState");
        getMemoryInfoV2 = optional("nvmlDeviceGetMemoryInfo_v2");
        getMemoryInfoV1 = required("nvmlDeviceGetMemoryInfo");
        getTotalEnergyConsumption = optional("nvmlDeviceGetTotalEnergyConsumption");
        getFanSpeed = optional("nvmlDeviceGetFanSpeed");
        getClocksEventReasons = optional("nvmlDeviceGetCurrentClocksEventReasons",
                "nvmlDeviceGetCurrentClocksThrottleReasons");
        getTotalEccErrors = optional("nvmlDeviceGetTotalEccErrors");
        getRemappedRows = optional("nvmlDeviceGetRemappedRows");
        getEncoderUtilization = optional("nvmlDeviceGetEncoderUtilization");
        getDecoderUtilization = optional("nvmlDeviceGetDecoderUtilization");
        getMigMode = optional("nvmlDeviceGetMigMode");
        getFieldValues = optional("nvmlDeviceGetFieldValues");
        getComputeRunningProcesses = optional("nvmlDeviceGetComputeRunningProcesses_v3",
                "nvmlDeviceGetComputeRunningProcesses_v2");
        eventSetCreate = optional("nvmlEventSetCreate");
        registerEvents = optional("nvmlDeviceRegisterEvents");
        eventSetWait = optional("nvmlEventSetWait_v2");
        eventSetFree = optional("nvmlEventSetFree");
        getNvLinkState = optional("nvmlDeviceGetNvLinkState");
        getMaxClockInfo = optional("nvmlDeviceGetMaxClockInfo");
        getComputeMode = optional("nvmlDeviceGetComputeMode");
        getGpuFabricInfo = optional("nvmlDeviceGetGpuFabricInfo");
        getProcessUtilization = optional("nvmlDeviceGetProcessUtilization");
        gpmQueryDeviceSupport = optional("nvmlGpmQueryDeviceSupport");
        gpmSampleAlloc = optional("nvmlGpmSampleAlloc");
        gpmSampleFree = optional("nvmlGpmSampleFree");
        gpmSampleGet = optional("nvmlGpmSampleGet");
        gpmMetricsGet = optional("nvmlGpmMetricsGet");
        gpmMigSampleGet = optional("nvmlGpmMigSampleGet");
        getMaxMigDeviceCount = optional("nvmlDeviceGetMaxMigDeviceCount");
        getMigDeviceHandleByIndex = optional("nvmlDeviceGetMigDeviceHandleByIndex");
        getGpuInstanceId = optional("nvmlDeviceGetGpuInstanceId");
        getComputeInstanceId = optional("nvmlDeviceGetComputeInstanceId");
    }

    /**
     * Loads the library at {@code path} (a file name searched by the dynamic linker, or a path) and initialises NVML.
     */
    public static NvmlLibrary open(String path) throws NvmlUnavailableException {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(path);
        } catch (UnsatisfiedLinkError e) {
            throw new NvmlUnavailableException("cannot load " + path + ": " + firstLine(e.getMessage()), e);
        }
        NvmlLibrary nvml;
        Function init;
        try {
            nvml = new NvmlLibrary(lib, path);
            init = lib.getFunction("nvmlInit_v2");
        } catch (UnsatisfiedLinkError e) {
            throw new NvmlUnavailableException(path + " lacks a required NVML symbol: " + firstLine(e.getMessage()), e);
        }
        int rc = init.invokeInt(new Object[0]);
        if (rc != NvmlReturn.SUCCESS) {
            throw new NvmlUnavailableException("nvmlInit_v2 in " + path + " failed: " + rc + " ("
                    + nvml.errorString(rc) + ")", null);
        }
        if (!nvml.missing.isEmpty()) {
            LOG.info(() -> path + " lacks optional symbols (older fallbacks bound where they exist, else those series stay absent): " + nvml.missing);
        }
        return nvml;
    }

    public String path() {
        return path;
    }

    /** Optional symbols this library lacks (fallbacks included). */
    public List<String> missingSymbols() {
        return List.copyOf(missing);
    }

    /** Whether this library has the whole GPM API (NVML 11.8 and later). */
    boolean hasGpm() {
        return gpmQueryDeviceSupport != null && gpmSampleAlloc != null && gpmSampleFree != null
                && gpmSampleGet != null && gpmMetricsGet != null;
    }

    /** Whether {@code symbol} is the one bound for an optional call (to report fallbacks in tests and logs). */
    public boolean binds(Function function, String symbol) {
        return function != null && function.getName().equals(symbol);
    }

    String errorString(int rc) {
        Object s = errorString.invoke(String.class, new Object[] {rc});
        return s == null ? "unknown error" : s.toString();
    }

    int call(Function function, Object... args) {
        return function.invokeInt(args);
    }

    NvmlException error(Function function, int rc) {
        return new NvmlException(function.getName(), rc, errorString(rc));
    }

    String systemDriverVersion() {
        Function f;
        try {
            f = lib.getFunction("nvmlSystemGetDriverVersion");
        } catch (UnsatisfiedLinkError e) {
            return "";
        }
        Memory buf = new Memory(DRIVER_VERSION_BUFFER);
        buf.clear();
        int rc = f.invokeInt(new Object[] {buf, DRIVER_VERSION_BUFFER});
        return rc == NvmlReturn.SUCCESS ? buf.getString(0) : "";
    }

    int deviceCount() throws NvmlException {
        IntByReference n = new IntByReference();
        int rc = call(getCount, n);
        if (rc != NvmlReturn.SUCCESS) {
            throw error(getCount, rc);
        }
        return n.getValue();
    }

    /** The handle of GPU {@code index}; NVML keeps it valid for the process lifetime. */
    Pointer handle(int index) throws NvmlException {
        PointerByReference ref = new PointerByReference();
        int rc = call(getHandleByIndex, index, ref);
        if (rc != NvmlReturn.SUCCESS) {
            throw error(getHandleByIndex, rc);
        }
        return ref.getValue();
    }

    private Function required(String symbol) {
        return lib.getFunction(symbol);
    }

    private Function optional(String... symbols) {
        for (String symbol : symbols) {
            try {
                return lib.getFunction(symbol);
            } catch (UnsatisfiedLinkError absent) {
                missing.add(symbol);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }
}
