package io.accelmon.npu.dcmi;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import io.accelmon.npu.collect.NpuBackend;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.model.Precedence;
import io.accelmon.npu.model.Reading;
import io.accelmon.npu.model.Source;
import io.accelmon.npu.model.VirtualNpu;
import io.accelmon.npu.vnpu.DeviceHolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Collects through libdcmi (preferred: no process per cycle). Every field DCMI lacks or errors on for a chip is taken
 * from one {@code npu-smi info} table of the same cycle when npu-smi is available (per-field fallback); a chip whose
 * health neither source gives reads unknown. The card id is npu-smi's NPU id and the device index its chip index.
 */
public final class DcmiBackend implements NpuBackend {

    private static final Logger LOG = Logger.getLogger(DcmiBackend.class.getName());
    static final List<Path> SEARCH = List.of(Path.of("/usr/local/Ascend/driver/lib64/driver/libdcmi.so"),
            Path.of("/usr/local/dcmi/libdcmi.so"));

    private final DcmiLibrary lib;
    private final NpuSmiBackend smi;
    private static final double MIB = 1024.0 * 1024.0;
    /** Virtual device ids DCMI hands out: 100 up to (not including) 1124. */
    static final int MIN_VDEV_ID = 100;
    static final int MAX_VDEV_ID = 1124;

    private final AtomicLong failures = new AtomicLong();
    private final String driverVersion;
    private final DeviceHolders holders;

    DcmiBackend(DcmiLibrary lib, NpuSmiBackend smi, DeviceHolders holders) {
        this.lib = lib;
        this.smi = smi;
        this.holders = holders;
        this.driverVersion = driverVersion(lib);
    }

    /** Loads libdcmi (the flag's file, else the default places, else the linker path) and initialises it; null if not. */
    public static DcmiBackend open(Path library, NpuSmiBackend smi) {
        return open(library, smi, DeviceHolders.system());
    }

    /** As {@link #open(Path, NpuSmiBackend)}, finding the processes that hold a vNPU through {@code holders}. */
    public static DcmiBackend open(Path library, NpuSmiBackend smi, DeviceHolders holders) {
        List<String> candidates = new ArrayList<>();
        if (library != null) {
            candidates.add(library.toString());
        } else {
            SEARCH.stream().filter(Files::isReadable).forEach(p -> candidates.add(p.toString()));
            candidates.add("dcmi");
        }
        for (String candidate : candidates) {
            try {
                DcmiLibrary lib = Native.load(candidate, DcmiLibrary.class);
                int rc = lib.dcmi_init();
                if (rc == 0) {
                    LOG.info(() -> "DCMI loaded from " + candidate);
                    return new DcmiBackend(lib, smi, holders);
                }
                LOG.warning(() -> "dcmi_init failed in " + candidate + ": " + rc);
            } catch (UnsatisfiedLinkError e) {
                LOG.fine(() -> "no DCMI at " + candidate + ": " + e.getMessage());
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "dcmi";
    }

    @Override
    public long parseErrors() {
        return smi == null ? 0 : smi.parseErrors();
    }

    @Override
    public long reportFailures() {
        return failures.get() + (smi == null ? 0 : smi.reportFailures());
    }

    @Override
    public Map<String, Long> tableTimeouts() {
        return smi == null ? Map.of() : smi.tableTimeouts();
    }

    @Override
    public NpuSnapshot collect(NpuSnapshot previous) {
        List<Integer> cards = cards();
        if (cards == null) {
            if (smi != null) {
                return smi.collect(previous);
            }
            return failed(previous, "dcmi_get_card_list failed");
        }
        List<ChipSample> readings = new ArrayList<>();
        List<NpuProcess> processes = new ArrayList<>();
        List<VirtualNpu> vnpus = new ArrayList<>();
        boolean missing = false;
        for (int card : cards) {
            IntByReference n = new IntByReference();
            int devices = call(() -> lib.dcmi_get_device_num_in_card(card, n)) ? n.getValue() : 1;
            String serial = serialNumber(card);
            for (int dev = 0; dev < devices; dev++) {
                ChipSample r = read(card, dev, processes).put(Attribute.SERIAL_NUMBER, serial);
                missing |= r.health() == null || r.get(Reading.TEMPERATURE_CELSIUS) == null
                        || r.get(Reading.POWER_WATTS) == null || r.get(Reading.HBM_TOTAL_BYTES) == null;
                readings.add(r);
                vnpus.addAll(vnpus(card, dev));
            }
        }
        InfoTable table = missing && smi != null ? fallbackTable() : InfoTable.empty();
        Map<ChipKey, ChipSample> fromTable = new HashMap<>();
        table.chips().forEach(c -> fromTable.put(c.key(), c));
        List<Chip> chips = new ArrayList<>();
        for (ChipSample r : readings) {
            ChipSample row = fromTable.get(r.key());
            chips.add(Precedence.merge(r.key(), row == null ? List.of(r) : List.of(r, row)));
        }
        Instant now = Instant.now();
        return new NpuSnapshot(now, now, true, name(), "", List.copyOf(chips), List.copyOf(processes),
                driverVersion.isEmpty() ? table.version() : driverVersion, Map.of(), withHolders(vnpus));
    }

    /**
     * The chip's virtual NPUs, as Huawei's exporter reads them: the ids from the chip's total resources, then per id
     * its AI Cores and its activity (AI Core utilisation %, memory total and free in KB). A chip without compute
     * partitioning (or a driver without the command) answers the first call with an error: no vNPU, not a failure.
     */
    private List<VirtualNpu> vnpus(int card, int dev) {
        DcmiLibrary.SocTotalResource total = new DcmiLibrary.SocTotalResource();
        if (!vdevQuery(card, dev, DcmiLibrary.VDEV_TOTAL_RESOURCE, total)) {
            return List.of();
        }
        List<VirtualNpu> out = new ArrayList<>();
        for (int i = 0; i < Math.min(total.vdev_num, total.vdev_id.length); i++) {
            int id = total.vdev_id[i];
            if (id < MIN_VDEV_ID || id >= MAX_VDEV_ID) {
                continue;
            }
            DcmiLibrary.VdevQuery resource = new DcmiLibrary.VdevQuery();
            resource.vdev_id = id;
            DcmiLibrary.VdevQuery activity = new DcmiLibrary.VdevQuery();
            activity.vdev_id = id;
            if (!vdevQuery(card, dev, DcmiLibrary.VDEV_RESOURCE, resource)
                    || !vdevQuery(card, dev, DcmiLibrary.VDEV_ACTIVITY, activity)) {
                failures.incrementAndGet();
                continue;
            }
            DcmiLibrary.ComputingResource c = activity.query_info.computing;
            long totalKb = c.vdev_memory_total;
            long freeKb = c.vdev_memory_free;
            boolean memoryValid = totalKb >= 0 && freeKb >= 0 && freeKb <= totalKb;
            double util = c.vdev_aicore_utilization & 0xFFFFFFFFL;
            out.add(new VirtualNpu(new ChipKey(card, dev), id, resource.query_info.computing.aic,
                    util <= 100 ? util / 100.0 : null, memoryValid ? totalKb * 1024.0 : null,
                    memoryValid ? (totalKb - freeKb) * 1024.0 : null, java.util.Set.of()));
        }
        return out;
    }

    private boolean vdevQuery(int card, int dev, int subCmd, com.sun.jna.Structure buf) {
        IntByReference size = new IntByReference(buf.size());
        try {
            return lib.dcmi_get_device_info(card, dev, DcmiLibrary.MAIN_CMD_VDEV_MNG, subCmd, buf, size) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** The vNPUs with the processes holding their device nodes, looked up once for all of them. */
    private List<VirtualNpu> withHolders(List<VirtualNpu> vnpus) {
        if (vnpus.isEmpty()) {
            return List.of();
        }
        Map<String, java.util.Set<Long>> held = holders.holders(vnpus.stream().map(VirtualNpu::deviceName).toList());
        return vnpus.stream().map(v -> new VirtualNpu(v.chip(), v.id(), v.aicores(), v.aicoreRatio(),
                v.memoryTotalBytes(), v.memoryUsedBytes(), held.getOrDefault(v.deviceName(), java.util.Set.of())))
                .toList();
    }

    private InfoTable fallbackTable() {
        try {
            return smi.readTable();
        } catch (NpuSmiBackend.CycleFailure e) {
            LOG.fine(() -> "npu-smi fallback failed: " + e.getMessage());
            return InfoTable.empty();
        }
    }

    private List<Integer> cards() {
        IntByReference num = new IntByReference();
        int[] list = new int[64];
        if (!call(() -> lib.dcmi_get_card_list(num, list, list.length))) {
            return null;
        }
        List<Integer> cards = new ArrayList<>();
        for (int i = 0; i < Math.min(num.getValue(), list.length); i++) {
            cards.add(list[i]);
        }
        return cards;
    }

    private ChipSample read(int card, int dev, List<NpuProcess> processes) {
        ChipSample r = new ChipSample(Source.DCMI, new ChipKey(card, dev));
        IntByReference v = new IntByReference();
        if (call(() -> lib.dcmi_get_device_health(card, dev, v))) {
            r.health(Health.fromDcmi(v.getValue() & 0xFFFFFFFFL));
        }
        if (call(() -> lib.dcmi_get_device_temperature(card, dev, v)) && v.getValue() > -100 && v.getValue() < 0x7ff0) {
            r.put(Reading.TEMPERATURE_CELSIUS, (double) v.getValue());
        }
        if (call(() -> lib.dcmi_get_device_power_info(card, dev, v))) {
            r.put(Reading.POWER_WATTS, v.getValue() / 10.0);
        }
        if (call(() -> lib.dcmi_get_device_voltage(card, dev, v)) && v.getValue() >= 0) {
            r.put(Reading.VOLTAGE_VOLTS, v.getValue() / 100.0);
        }
        if (call(() -> lib.dcmi_get_device_network_health(card, dev, v))) {
            int code = v.getValue();
            r.put(Reading.NETWORK_HEALTHY, code == DcmiLibrary.NETWORK_OK || code == DcmiLibrary.NETWORK_INIT ? 1.0 : 0.0);
        }
        util(card, dev, DcmiLibrary.UTIL_AICORE, Reading.AICORE_RATIO, r);
        util(card, dev, DcmiLibrary.UTIL_AICPU, Reading.AICPU_RATIO, r);
        util(card, dev, DcmiLibrary.UTIL_VECTOR, Reading.VECTOR_RATIO, r);
        util(card, dev, DcmiLibrary.UTIL_NPU, Reading.NPU_UTIL_RATIO, r);
        DcmiLibrary.HbmInfo hbm = new DcmiLibrary.HbmInfo();
        if (call(() -> lib.dcmi_get_device_hbm_info(card, dev, hbm)) && hbm.memory_size > 0) {
            r.put(Reading.HBM_TOTAL_BYTES, hbm.memory_size * MIB).put(Reading.HBM_USED_BYTES, hbm.memory_usage * MIB)
                    .put(Reading.HBM_FREQUENCY_HERTZ, hbm.freq * 1e6)
                    .put(Reading.HBM_TEMPERATURE_CELSIUS, (double) hbm.temp)
                    .put(Reading.HBM_BANDWIDTH_RATIO, hbm.bandwith_util_rate / 100.0);
        }
        DcmiLibrary.EccInfo ecc = new DcmiLibrary.EccInfo();
        if (call(() -> lib.dcmi_get_device_ecc_info(card, dev, DcmiLibrary.DEVICE_TYPE_HBM, ecc))) {
            r.put(Reading.HBM_ECC_ENABLED, ecc.enable_flag != 0 ? 1.0 : 0.0)
                    .put(Reading.HBM_SINGLE_ERRORS, unsigned(ecc.single_bit_error_cnt))
                    .put(Reading.HBM_DOUBLE_ERRORS, unsigned(ecc.double_bit_error_cnt))
                    .put(Reading.HBM_SINGLE_AGGREGATE_ERRORS, unsigned(ecc.total_single_bit_error_cnt))
                    .put(Reading.HBM_DOUBLE_AGGREGATE_ERRORS, unsigned(ecc.total_double_bit_error_cnt))
                    .put(Reading.HBM_SINGLE_ISOLATED_PAGES, unsigned(ecc.single_bit_isolated_pages_cnt))
                    .put(Reading.HBM_DOUBLE_ISOLATED_PAGES, unsigned(ecc.double_bit_isolated_pages_cnt));
        }
        DcmiLibrary.ChipInfo info = new DcmiLibrary.ChipInfo();
        if (call(() -> lib.dcmi_get_device_chip_info(card, dev, info))) {
            r.put(Attribute.CHIP_TYPE, text(info.chip_type)).put(Attribute.CHIP_NAME, text(info.chip_name))
                    .put(Attribute.CHIP_VERSION, text(info.chip_ver)).put(Attribute.NAME, text(info.chip_name))
                    .put(Reading.AICORE_COUNT, (double) info.aicore_cnt);
        }
        byte[] product = new byte[64];
        if (call(() -> lib.dcmi_get_product_type(card, dev, product, product.length))) {
            r.put(Attribute.PRODUCT_TYPE, text(product));
        }
        DcmiLibrary.ProcMemInfo first = new DcmiLibrary.ProcMemInfo();
        DcmiLibrary.ProcMemInfo[] procs = (DcmiLibrary.ProcMemInfo[]) first.toArray(32);
        IntByReference count = new IntByReference();
        if (call(() -> lib.dcmi_get_device_resource_info(card, dev, procs[0], count))) {
            for (int i = 0; i < Math.min(count.getValue(), procs.length); i++) {
                procs[i].read();
                processes.add(new NpuProcess(card, dev, procs[i].proc_id,
                        "", Math.round(procs[i].proc_mem_usage / MIB), null));
            }
        }
        return r;
    }

    private String serialNumber(int card) {
        DcmiLibrary.ElabelInfo elabel = new DcmiLibrary.ElabelInfo();
        return call(() -> lib.dcmi_get_card_elabel_v2(card, elabel)) ? text(elabel.serial_number) : null;
    }

    private static double unsigned(int v) {
        return v & 0xFFFFFFFFL;
    }

    private void util(int card, int dev, int type, Reading reading, ChipSample into) {
        IntByReference v = new IntByReference();
        if (call(() -> lib.dcmi_get_device_utilization_rate(card, dev, type, v)) && v.getValue() >= 0
                && v.getValue() <= 100) {
            into.put(reading, v.getValue() / 100.0);
        }
    }

    /** Runs one DCMI call; false (and counted) on a non-zero return or a symbol this library lacks. */
    private boolean call(java.util.function.IntSupplier dcmiCall) {
        try {
            int rc = dcmiCall.getAsInt();
            if (rc != 0) {
                failures.incrementAndGet();
            }
            return rc == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static String driverVersion(DcmiLibrary lib) {
        byte[] buf = new byte[64];
        try {
            return lib.dcmi_get_driver_version(buf, buf.length) == 0 ? text(buf) : "";
        } catch (UnsatisfiedLinkError e) {
            return "";
        }
    }

    private static String text(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }

    private NpuSnapshot failed(NpuSnapshot previous, String error) {
        List<Chip> chips = previous.chips().stream().map(Chip::unknown).toList();
        return new NpuSnapshot(Instant.now(), previous.lastSuccess(), false, name(), error, chips, List.of(),
                previous.driverVersion(), previous.logicIds());
    }
}
