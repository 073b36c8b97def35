package io.accelmon.npu.smi;

import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.InfoTable;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.Reading;
import io.accelmon.npu.model.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the table of {@code npu-smi info} into an {@link InfoTable}. Rows are recognised by what they contain, never
 * by column offsets: the known layouts are 98, 99, 106 and 116 columns wide, with a 4- or 5-column process table. A
 * chip is a pair of rows: row 1 ends {@code | health | power temp hugepages |}, row 2 ends
 * {@code | bus-id | aicore memory [hbm] |}; the cells before those name the NPU (and its name) or the chip (and its
 * device or physical id). Pure function: text in, record out; never throws on odd input.
 */
public final class InfoTableParser {

    private static final Pattern BUS_ID = Pattern.compile("(?i)^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-9a-f]+$");
    private static final Pattern PAIR = Pattern.compile("(\\S+?)\\s*/\\s*(\\S+)");
    private static final Pattern VERSION = Pattern.compile("Version:\\s*(\\S+)");
    private static final Pattern NO_PROCESSES = Pattern.compile("(?i)No running processes found in NPU\\s+(\\d+)");

    private InfoTableParser() {
    }

    public static InfoTable parse(String text) {
        return new Run().parse(text == null ? "" : text);
    }

    /** Mutable state of one parse. */
    private static final class Run {
        String version = "";
        final List<ChipSample> chips = new ArrayList<>();
        final List<NpuProcess> processes = new ArrayList<>();
        final Set<Integer> idle = new LinkedHashSet<>();
        /** NPUs the process section names, by a process row or by "No running processes found". */
        final Set<Integer> listedInProcesses = new LinkedHashSet<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        boolean complete = true;
        boolean inProcesses;
        boolean firstPairIsHbm;
        boolean utilIsNpu;
        boolean sawChipHeader;
        List<String> processHeader;
        Row1 pending;
        String lastTableLine = "";

        InfoTable parse(String text) {
            for (String raw : text.split("\\R")) {
                line(raw.strip());
            }
            if (pending != null) {
                complete = false;
                problems.add("table ends after row 1 of NPU " + pending.npuId);
                flushPending();
            }
            if (lastTableLine.startsWith("|")) {
                complete = false;
                problems.add("table ends without its closing border");
            }
            return new InfoTable(version, List.copyOf(chips), List.copyOf(processes), Set.copyOf(idle),
                    List.copyOf(warnings), complete, complete && whole(), List.copyOf(problems));
        }

        /**
         * Whether every section the table's structure implies is there and closed: npu-smi prints the process section
         * after the last chip and names every NPU in it (a process row or "No running processes found"), so a table
         * cut between two chips, or between two NPUs of the process section, misses an NPU there.
         */
        boolean whole() {
            if (processHeader == null || !lastTableLine.startsWith("+")) {
                return false;
            }
            return chips.stream().allMatch(c -> listedInProcesses.contains(c.npuId()));
        }

        void line(String line) {
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("[")) {
                warnings.add(line);
                return;
            }
            if (line.startsWith("+")) {
                lastTableLine = line;
                if (!line.endsWith("+") || line.length() < 2) {
                    complete = false;
                    problems.add("cut border line");
                }
                return;
            }
            if (!line.startsWith("|")) {
                return; // noise around the table, e.g. an elided "..." line in a copied capture
            }
            lastTableLine = line;
            if (line.length() < 2 || !line.endsWith("|")) {
                complete = false;
                problems.add("cut row: " + line);
                return;
            }
            List<String> cells = cells(line);
            String joined = String.join(" ", cells);
            Matcher idleMatch = NO_PROCESSES.matcher(joined);
            if (joined.contains("npu-smi") && joined.contains("Version")) {
                Matcher m = VERSION.matcher(joined);
                version = m.find() ? m.group(1) : "";
            } else if (joined.contains("Health") && joined.contains("Name")) {
                sawChipHeader = true;
                inProcesses = false;
            } else if (joined.contains("Bus-Id")) {
                chipHeaderRow2(joined);
            } else if (cells.stream().anyMatch(c -> c.equalsIgnoreCase("Process id"))) {
                flushPending();
                inProcesses = true;
                processHeader = cells;
            } else if (idleMatch.find()) {
                idle.add(Integer.parseInt(idleMatch.group(1)));
                listedInProcesses.add(Integer.parseInt(idleMatch.group(1)));
            } else if (inProcesses) {
                processRow(cells, line);
            } else {
                chipRow(cells, line);
            }
        }

        void chipHeaderRow2(String joined) {
            int mem = joined.indexOf("Memory-Usage");
            int hbm = joined.indexOf("HBM-Usage");
            firstPairIsHbm = hbm >= 0 && (mem < 0 || hbm < mem);
            utilIsNpu = joined.contains("NPU Util") && !joined.contains("AICore");
        }

        void chipRow(List<String> cells, String line) {
            if (cells.size() < 3) {
                problems.add("unrecognised row: " + line);
                return;
            }
            String keyCell = cells.get(cells.size() - 2);
            List<String> lead = cells.subList(0, cells.size() - 2);
            List<String> values = values(cells.get(cells.size() - 1));
            if (BUS_ID.matcher(keyCell).matches() || (pending != null && !Health.isHealthWord(keyCell))) {
                row2(lead, keyCell, values, line);
            } else {
                List<String> ids = tokens(lead);
                Integer npu = ids.isEmpty() ? null : integer(ids.get(0));
                if (npu == null) {
                    problems.add("unrecognised row: " + line);
                    return;
                }
                flushPending();
                pending = new Row1(npu, String.join(" ", ids.subList(1, ids.size())), Health.parse(keyCell), values);
            }
        }

        void row2(List<String> lead, String busCell, List<String> values, String line) {
            if (pending == null) {
                problems.add("row 2 without row 1: " + line);
                return;
            }
            List<String> ids = tokens(lead);
            Integer chip = ids.isEmpty() ? Integer.valueOf(0) : integer(ids.get(0));
            Integer device = ids.size() > 1 ? integer(ids.get(1)) : null;
            if (chip == null) {
                problems.add("chip index is not a number: " + line);
                chip = 0;
            }
            Double util = values.isEmpty() ? null : number(values.get(0));
            List<long[]> pairs = new ArrayList<>();
            List<Boolean> pairKnown = new ArrayList<>();
            for (String v : values.subList(Math.min(1, values.size()), values.size())) {
                Long[] pair = pair(v);
                if (pair != null) {
                    pairs.add(new long[] {pair[0] == null ? -1 : pair[0], pair[1] == null ? -1 : pair[1]});
                    pairKnown.add(pair[0] != null && pair[1] != null);
                }
            }
            Long memUsed = null;
            Long memTotal = null;
            Long hbmUsed = null;
            Long hbmTotal = null;
            for (int i = 0; i < pairs.size() && i < 2; i++) {
                boolean hbm = (i == 0) == firstPairIsHbm;
                if (!pairKnown.get(i)) {
                    continue;
                }
                if (hbm) {
                    hbmUsed = pairs.get(i)[0];
                    hbmTotal = pairs.get(i)[1];
                } else {
                    memUsed = pairs.get(i)[0];
                    memTotal = pairs.get(i)[1];
                }
            }
            Row1 r1 = pending;
            pending = null;
            String bus = BUS_ID.matcher(busCell).matches() ? busCell.toUpperCase(Locale.ROOT).replace("0X", "0x") : "";
            ChipSample c = row1(r1, chip).device(device).put(Attribute.PCIE_BUS_INFO, bus)
                    .put(utilIsNpu ? Reading.NPU_UTIL_RATIO : Reading.AICORE_RATIO, ratio(util));
            if (memTotal != null && memTotal > 0) {
                c.put(Reading.DDR_USED_BYTES, bytes(memUsed)).put(Reading.DDR_TOTAL_BYTES, bytes(memTotal));
            }
            if (hbmTotal != null && hbmTotal > 0) {
                c.put(Reading.HBM_USED_BYTES, bytes(hbmUsed)).put(Reading.HBM_TOTAL_BYTES, bytes(hbmTotal));
            }
            chips.add(c);
        }

        /** The readings of row 1: health, power, temperature, hugepages. */
        ChipSample row1(Row1 r1, int chip) {
            Long[] huge = r1.values.size() > 2 ? pair(r1.values.get(2)) : null;
            ChipSample c = new ChipSample(Source.TABLE, new ChipKey(r1.npuId, chip)).health(r1.health)
                    .put(Attribute.NAME, r1.name)
                    .put(Reading.POWER_WATTS, r1.values.isEmpty() ? null : number(r1.values.get(0)))
                    .put(Reading.TEMPERATURE_CELSIUS, r1.values.size() > 1 ? number(r1.values.get(1)) : null);
            if (huge != null) {
                c.put(Reading.HUGEPAGES_USED, huge[0] == null ? null : huge[0].doubleValue())
                        .put(Reading.HUGEPAGES_TOTAL, huge[1] == null ? null : huge[1].doubleValue());
            }
            return c;
        }

        /** A row 1 never followed by its row 2 still says the chip exists and its health. */
        void flushPending() {
            if (pending == null) {
                return;
            }
            Row1 r1 = pending;
            pending = null;
            problems.add("NPU " + r1.npuId + " has no row 2");
            chips.add(row1(r1, 0));
        }

        void processRow(List<String> cells, String line) {
            List<String> header = processHeader;
            int pidIdx = indexOf(header, "process id");
            int nameIdx = indexOf(header, "process name");
            int memIdx = indexStarting(header, "process memory");
            int containerIdx = indexOf(header, "process id in container");
            if (pidIdx < 0 || memIdx < 0 || cells.size() <= Math.max(pidIdx, memIdx)) {
                problems.add("unrecognised process row: " + line);
                return;
            }
            List<String> ids = tokens(cells.subList(0, pidIdx));
            Integer npu = ids.isEmpty() ? null : integer(ids.get(0));
            boolean hasChip = header.get(0).toLowerCase(Locale.ROOT).contains("chip");
            Integer chip = hasChip && ids.size() > 1 ? integer(ids.get(1)) : null;
            Long pid = longValue(cells.get(pidIdx));
            Long mem = longValue(cells.get(memIdx).split("\\s+")[0]);
            if (npu == null || pid == null || mem == null) {
                problems.add("unrecognised process row: " + line);
                return;
            }
            String name = nameIdx >= 0 && nameIdx < cells.size() ? cells.get(nameIdx) : "";
            Long containerPid = containerIdx >= 0 && containerIdx < cells.size()
                    ? longValue(cells.get(containerIdx)) : null;
            processes.add(new NpuProcess(npu, chip, pid, name, mem, containerPid));
            listedInProcesses.add(npu);
        }
    }

    private record Row1(int npuId, String name, Health health, List<String> values) {
    }

    static List<String> cells(String line) {
        String inner = line.substring(1, line.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** Splits a value cell into values, keeping {@code a / b} pairs together even when written {@code 61609/ 65536}. */
    static List<String> values(String cell) {
        Matcher m = PAIR.matcher(cell);
        String joined = m.replaceAll("$1/$2");
        return joined.isBlank() ? List.of() : Arrays.asList(joined.strip().split("\\s+"));
    }

    private static List<String> tokens(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String cell : cells) {
            if (!cell.isBlank()) {
                out.addAll(Arrays.asList(cell.strip().split("\\s+")));
            }
        }
        return out;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexStarting(List<String> header, String prefix) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    static Long[] pair(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return new Long[] {longValue(value.substring(0, slash)), longValue(value.substring(slash + 1))};
    }

    /** A number, or {@code null} for {@code NA}, {@code -}, {@code N/A} and anything else that is not one. */
    static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long longValue(String text) {
        Double d = number(text);
        return d == null ? null : Math.round(d);
    }

    static Integer integer(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double ratio(Double percent) {
        return percent == null ? null : percent / 100.0;
    }

    private static Double bytes(Long mb) {
        return mb == null ? null : mb * 1024.0 * 1024.0;
    }
}
