package io.accelmon.npu.collect;

import io.accelmon.core.process.ProcessResult;
import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.model.Precedence;
import io.accelmon.npu.smi.ChipMap;
import io.accelmon.npu.smi.HealthReport;
import io.accelmon.npu.smi.HelpText;
import io.accelmon.npu.smi.InfoTableParser;
import io.accelmon.npu.smi.KeyValueReport;
import io.accelmon.npu.smi.NpuSmi;
import io.accelmon.npu.smi.ReportReadings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Collects through npu-smi: one global {@code npu-smi info} per cycle (health, power, temperature, hugepages, AICore,
 * memory, HBM, processes for every chip), then the slow per-card {@code -t} reports for ONE card per cycle, rotating,
 * so a cycle costs one table plus a few seconds at most. Static reports (board) are fetched once per chip.
 */
public final class NpuSmiBackend implements NpuBackend {

    private static final Logger LOG = Logger.getLogger(NpuSmiBackend.class.getName());
    static final List<String> ROTATING_TYPES = List.of("usages", "common", "health", "memory", "ecc");
    private static final Set<String> WITHOUT_HELP = Set.of("board", "usages", "common", "health", "memory");

    private final NpuSmi smi;
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong reportFailures = new AtomicLong();
    static final String KEPT = "kept";
    static final String DROPPED = "dropped";
    /** {@code npu-smi info} runs that timed out, by outcome: the table printed before was whole (kept) or not. */
    private final Map<String, Long> timeouts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per chip, the latest sample of each report type (the reports rotate, so some are a few cycles old). */
    private final Map<ChipKey, Map<String, ChipSample>> reports = new HashMap<>();
    private final Map<Integer, Map<String, String>> cardBoards = new HashMap<>();
    private Map<ChipKey, Integer> logicIds = Map.of();
    private Set<String> supported;
    private boolean triedMap;
    private int rotation;

    public NpuSmiBackend(NpuSmi smi) {
        this.smi = smi;
    }

    @Override
    public String name() {
        return "npu-smi";
    }

    @Override
    public long parseErrors() {
        return parseErrors.get();
    }

    @Override
    public long reportFailures() {
        return reportFailures.get();
    }

    @Override
    public NpuSnapshot collect(NpuSnapshot previous) {
        InfoTable table;
        try {
            table = readTable();
        } catch (CycleFailure e) {
            LOG.warning(() -> "npu-smi cycle failed: " + e.getMessage());
            return Snapshots.failed(previous, name(), e.getMessage());
        }
        fetchDetails(table);
        List<Chip> chips = new ArrayList<>();
        for (ChipSample row : table.chips()) {
            chips.add(Precedence.merge(row.key(), samples(row)));
        }
        Instant now = Instant.now();
        return new NpuSnapshot(now, now, true, name(), "", List.copyOf(chips), table.processes(),
                driverVersion(table), logicIds);
    }

    /** The table row of a chip followed by the reports read for it so far. */
    public List<ChipSample> samples(ChipSample row) {
        List<ChipSample> all = new ArrayList<>();
        all.add(row);
        all.addAll(reports.getOrDefault(row.key(), Map.of()).values());
        return all;
    }

    /**
     * Parses one table, or explains why the cycle failed (the runner already killed a hung npu-smi). A run that timed
     * out still hands its output to the parser: a table that arrived whole before the hang is kept (and the timeout
     * counted as {@code kept}); a partial one is a failed cycle (counted as {@code dropped}), never half the chips.
     */
    public InfoTable readTable() throws CycleFailure {
        ProcessResult r;
        try {
            r = smi.info();
        } catch (IOException e) {
            throw new CycleFailure("cannot run " + smi.executable() + ": " + e.getMessage());
        }
        if (!r.timedOut() && r.exitCode() != 0) {
            throw new CycleFailure(r.describeFailure());
        }
        if (r.stdout().isBlank()) {
            throw timedOut(r, "npu-smi info printed nothing");
        }
        InfoTable table = InfoTableParser.parse(r.stdout());
        if (table.chips().isEmpty()) {
            if (r.timedOut()) {
                throw timedOut(r, "");
            }
            parseErrors.incrementAndGet();
            throw new CycleFailure("npu-smi info printed no NPU table");
        }
        if (r.timedOut()) {
            if (!table.whole() || r.truncated()) {
                throw timedOut(r, "");
            }
            timeouts.merge(KEPT, 1L, Long::sum);
            LOG.warning(() -> r.describeFailure() + "; the table it printed before is whole and was kept");
        } else if (!table.complete() || r.truncated()) {
            parseErrors.incrementAndGet();
            throw new CycleFailure("npu-smi info printed an incomplete table: "
                    + (table.problems().isEmpty() ? "output truncated" : table.problems().get(0)));
        }
        if (!table.problems().isEmpty()) {
            parseErrors.addAndGet(table.problems().size());
            LOG.warning(() -> "npu-smi info: skipped rows: " + table.problems());
        }
        return table;
    }

    /** The failure of a run that printed no usable table: a timeout (counted as dropped) or {@code otherwise}. */
    private CycleFailure timedOut(ProcessResult r, String otherwise) {
        if (!r.timedOut()) {
            return new CycleFailure(otherwise);
        }
        timeouts.merge(DROPPED, 1L, Long::sum);
        return new CycleFailure(r.describeFailure() + (r.stdout().isBlank() ? ""
                : "; the table it printed before is not whole"));
    }

    @Override
    public Map<String, Long> tableTimeouts() {
        return Map.copyOf(timeouts);
    }

    private void fetchDetails(InfoTable table) {
        if (supported == null) {
            supported = helpTypes();
        }
        if (!triedMap) {
            triedMap = true;
            logicIds = chipMap();
        }
        Set<Integer> cards = new TreeSet<>();
        table.chips().forEach(c -> cards.add(c.npuId()));
        reports.keySet().removeIf(k -> !cards.contains(k.npuId()));
        if (cards.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>(cards);
        int npu = order.get(Math.floorMod(rotation++, order.size()));
        List<ChipSample> chipsOfCard = table.chips().stream().filter(c -> c.npuId() == npu).toList();
        boolean multiChip = chipsOfCard.size() > 1;
        for (ChipSample chip : chipsOfCard) {
            if (!fetchChip(npu, chip.chip(), multiChip)) {
                return; // npu-smi is slow or failing: leave the rest for later cycles
            }
        }
    }

    private boolean fetchChip(int npu, int chip, boolean multiChip) {
        ChipKey key = new ChipKey(npu, chip);
        Map<String, ChipSample> known = reports.computeIfAbsent(key, k -> new LinkedHashMap<>());
        if (supported.contains("board") && !cardBoards.containsKey(npu)) {
            KeyValueReport card = report("board", npu, null);
            if (card == null) {
                return false;
            }
            cardBoards.put(npu, card.card());
        }
        if (cardBoards.containsKey(npu)) {
            known.put("board", ReportReadings.of("board", key, cardBoards.get(npu)));
        }
        if (supported.contains("board") && !known.containsKey("board-chip")) {
            KeyValueReport board = report("board", npu, chip);
            if (board == null) {
                return false;
            }
            known.put("board-chip", ReportReadings.of("board-chip", key, board.valuesFor(chip)));
        }
        for (String type : ROTATING_TYPES) {
            if (!supported.contains(type)) {
                continue;
            }
            KeyValueReport r = report(type, npu, multiChip ? chip : null);
            if (r == null) {
                return false;
            }
            ChipSample sample = ReportReadings.of(type, key, r.valuesFor(chip));
            if (type.equals("health")) {
                sample.errorCodes(HealthReport.of(r, chip).errorCodes());
            }
            known.put(type, sample);
        }
        return true;
    }

    private KeyValueReport report(String type, int npu, Integer chip) {
        try {
            ProcessResult r = smi.report(type, npu, chip);
            if (!r.succeeded()) {
                reportFailures.incrementAndGet();
                LOG.fine(() -> "npu-smi -t " + type + " -i " + npu + ": " + r.describeFailure());
                return null;
            }
            KeyValueReport report = KeyValueReport.parse(r.stdout());
            if (report.isEmpty() && !r.stdout().isBlank()) {
                parseErrors.incrementAndGet();
            }
            return report;
        } catch (IOException e) {
            reportFailures.incrementAndGet();
            return null;
        }
    }

    private Set<String> helpTypes() {
        try {
            ProcessResult r = smi.run("info", "-h");
            Set<String> types = new LinkedHashSet<>(HelpText.reportTypes(r.stdout() + "\n" + r.stderr()));
            return types.isEmpty() ? WITHOUT_HELP : types;
        } catch (IOException e) {
            return WITHOUT_HELP;
        }
    }

    private Map<ChipKey, Integer> chipMap() {
        try {
            ProcessResult r = smi.run("info", "-m");
            Map<ChipKey, Integer> ids = new HashMap<>();
            if (r.succeeded()) {
                for (ChipMap.Entry e : ChipMap.parse(r.stdout()).entries()) {
                    if (!e.isMcu() && e.logicId() != null) {
                        ids.put(new ChipKey(e.npuId(), e.chipId()), e.logicId());
                    }
                }
            }
            return Map.copyOf(ids);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private String driverVersion(InfoTable table) {
        for (Map<String, String> board : cardBoards.values()) {
            String v = KeyValueReport.find(board, "Software Version");
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return table.version();
    }

    /** Why a cycle produced no table. */
    public static final class CycleFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public CycleFailure(String message) {
            super(message);
        }
    }
}
