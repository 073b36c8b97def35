package io.accelmon.npu.dcmi;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import io.accelmon.npu.collect.NpuBackend;
import io.accelmon.npu.collect.NpuSmiBackend;
import io.accelmon.npu.model.ChipDetails;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.ChipReading;
import io.accelmon.npu.model.ChipState;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final AtomicLong failures = new AtomicLong();
    private final String driverVersion;

    DcmiBackend(DcmiLibrary lib, NpuSmiBackend smi) {
        this.lib = lib;
        this.smi = smi;
        this.driverVersion = driverVersion(lib);
    }

    /** Loads libdcmi (the flag's file, else the default places, else the linker path) and initialises it; null if not. */
    public static DcmiBackend open(Path library, NpuSmiBackend smi) {
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
                    return new DcmiBackend(lib, smi);
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
    public NpuSnapshot collect(NpuSnapshot previous) {
        List<Integer> cards = cards();
        if (cards == null) {
            if (smi != null) {
                return smi.collect(previous);
            }
            return failed(previous, "dcmi_get_card_list failed");
        }
        List<Reading> readings = new ArrayList<>();
        List<NpuProcess> processes = new ArrayList<>();
        boolean missing = false;
        for (int card : cards) {
            IntByReference n = new IntByReference();
            int devices = call(() -> lib.dcmi_get_device_num_in_card(card, n)) ? n.getValue() : 1;
            for (int dev = 0; dev < devices; dev++) {
                Reading r = read(card, dev, processes);
                missing |= r.health == null || r.temperature == null || r.power == null || r.hbmTotal == null;
                readings.add(r);
            }
        }
        InfoTable table = missing && smi != null ? fallbackTable() : InfoTable.empty();
        Map<ChipKey, ChipReading> fromTable = new HashMap<>();
        table.chips().forEach(c -> fromTable.put(c.key(), c));
        List<ChipState> chips = new ArrayList<>();
        for (Reading r : readings) {
            chips.add(new ChipState(r.toReading(fromTable.get(new ChipKey(r.card, r.dev))), r.details));
        }
        Instant now = Instant.now();
        return new NpuSnapshot(now, now, true, name(), "", List.copyOf(chips), List.copyOf(processes),
                driverVersion.isEmpty() ? table.version() : driverVersion, Map.of());
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

    private Reading read(int card, int dev, List<NpuProcess> processes) {
        Reading r = new Reading(card, dev);
        IntByReference v = new IntByReference();
        if (call(() -> lib.dcmi_get_device_health(card, dev, v))) {
            r.health = Health.fromDcmi(v.getValue() & 0xFFFFFFFFL);
        }
        if (call(() -> lib.dcmi_get_device_temperature(card, dev, v)) && v.getValue() > -100 && v.getValue() < 0x7ff0) {
            r.temperature = (double) v.getValue();
        }
        if (call(() -> lib.dcmi_get_device_power_info(card, dev, v))) {
            r.power = v.getValue() / 10.0;
        }
        Map<String, String> usages = new LinkedHashMap<>();
        util(card, dev, DcmiLibrary.UTIL_AICORE, "Aicore Usage Rate(%)", usages);
        util(card, dev, DcmiLibrary.UTIL_AICPU, "Aicpu Usage Rate(%)", usages);
        util(card, dev, DcmiLibrary.UTIL_VECTOR, "Aivector Usage Rate(%)", usages);
        util(card, dev, DcmiLibrary.UTIL_NPU, "NPU Utilization(%)", usages);
        if (usages.containsKey("Aicore Usage Rate(%)")) {
            r.aicore = Double.parseDouble(usages.get("Aicore Usage Rate(%)"));
        }
        DcmiLibrary.HbmInfo hbm = new DcmiLibrary.HbmInfo();
        Map<String, String> memory = new LinkedHashMap<>();
        if (call(() -> lib.dcmi_get_device_hbm_info(card, dev, hbm)) && hbm.memory_size > 0) {
            r.hbmTotal = hbm.memory_size;
            r.hbmUsed = hbm.memory_usage;
            memory.put("HBM Clock Speed(MHz)", Integer.toString(hbm.freq));
            memory.put("HBM Temperature(C)", Integer.toString(hbm.temp));
            usages.put("HBM Bandwidth Usage Rate(%)", Integer.toString(hbm.bandwith_util_rate));
        }
        DcmiLibrary.ChipInfo info = new DcmiLibrary.ChipInfo();
        Map<String, String> board = new LinkedHashMap<>();
        Map<String, String> common = new LinkedHashMap<>();
        if (call(() -> lib.dcmi_get_device_chip_info(card, dev, info))) {
            board.put("Chip Type", text(info.chip_type));
            board.put("Chip Name", text(info.chip_name));
            board.put("Chip Version", text(info.chip_ver));
            common.put("Aicore Count", Integer.toString(info.aicore_cnt));
            r.name = text(info.chip_name);
        }
        DcmiLibrary.ProcMemInfo first = new DcmiLibrary.ProcMemInfo();
        DcmiLibrary.ProcMemInfo[] procs = (DcmiLibrary.ProcMemInfo[]) first.toArray(32);
        IntByReference count = new IntByReference();
        if (call(() -> lib.dcmi_get_device_resource_info(card, dev, procs[0], count))) {
            for (int i = 0; i < Math.min(count.getValue(), procs.length); i++) {
                procs[i].read();
                processes.add(new NpuProcess(card, dev, procs[i].proc_id,
                        "", Math.round(procs[i].proc_mem_usage / (1024.0 * 1024.0)), null));
            }
        }
        ChipDetails d = ChipDetails.NONE;
        if (!usages.isEmpty()) {
            d = d.with("usages", usages);
        }
        if (!memory.isEmpty()) {
            d = d.with("memory", memory);
        }
        if (!board.isEmpty()) {
            d = d.with("board-chip", board);
        }
        if (!common.isEmpty()) {
            d = d.with("common", common);
        }
        r.details = d;
        return r;
    }

    private void util(int card, int dev, int type, String key, Map<String, String> into) {
        IntByReference v = new IntByReference();
        if (call(() -> lib.dcmi_get_device_utilization_rate(card, dev, type, v)) && v.getValue() >= 0
                && v.getValue() <= 100) {
            into.put(key, Integer.toString(v.getValue()));
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
        List<ChipState> chips = previous.chips().stream()
                .map(c -> new ChipState(c.reading().unknown(), c.details())).toList();
        return new NpuSnapshot(Instant.now(), previous.lastSuccess(), false, name(), error, chips, List.of(),
                previous.driverVersion(), previous.logicIds());
    }

    /** One chip's DCMI fields; null where DCMI failed. */
    private static final class Reading {
        final int card;
        final int dev;
        Health health;
        Double temperature;
        Double power;
        Double aicore;
        Long hbmUsed;
        Long hbmTotal;
        String name = "";
        ChipDetails details = ChipDetails.NONE;

        Reading(int card, int dev) {
            this.card = card;
            this.dev = dev;
        }

        ChipReading toReading(ChipReading table) {
            boolean t = table != null;
            return new ChipReading(card, dev, t ? table.device() : null, !name.isEmpty() || !t ? name : table.name(),
                    health != null ? health : t ? table.health() : Health.UNKNOWN,
                    power != null ? power : t ? table.powerWatts() : null,
                    temperature != null ? temperature : t ? table.temperatureCelsius() : null,
                    t ? table.hugepagesUsed() : null, t ? table.hugepagesTotal() : null, t ? table.busId() : "",
                    aicore != null ? aicore : t ? table.aicorePercent() : null, t ? table.npuUtilPercent() : null,
                    t ? table.memoryUsedMb() : null, t ? table.memoryTotalMb() : null,
                    hbmTotal != null ? hbmUsed : t ? table.hbmUsedMb() : null,
                    hbmTotal != null ? hbmTotal : t ? table.hbmTotalMb() : null);
        }
    }
}
