package io.accelmon.gpu.smi;

import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.Reading;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits} and {@code --query-compute-apps}. Values
 * nvidia-smi cannot give ({@code [N/A]}, {@code [Not Supported]}, any other bracketed text) are absent readings;
 * anything else that is not the asked-for CSV is a {@link SmiParseException}.
 */
public final class SmiCsvParser {

    /** The {@code --query-compute-apps} fields, in this order. */
    public static final String APPS_FIELDS = "gpu_uuid,pid,used_memory";
    private static final double MIB = 1024.0 * 1024.0;

    private SmiCsvParser() {
    }

    public static GpuSnapshot parseGpus(SmiQuery query, String csv) throws SmiParseException {
        List<SmiField> fields = query.fields();
        List<GpuDevice> devices = new ArrayList<>();
        String driver = "";
        for (String line : lines(csv)) {
            String[] cells = line.split(",", -1);
            if (cells.length != fields.size()) {
                throw new SmiParseException("expected " + fields.size() + " columns, got " + cells.length + ": '"
                        + abbreviate(line) + "'");
            }
            Row row = new Row();
            for (int i = 0; i < cells.length; i++) {
                row.set(fields.get(i), cells[i].strip());
            }
            devices.add(row.device());
            if (driver.isEmpty()) {
                driver = row.driver;
            }
        }
        if (devices.isEmpty()) {
            throw new SmiParseException("nvidia-smi printed no GPU rows");
        }
        return new GpuSnapshot(driver, devices, List.of());
    }

    /** Parses {@code --query-compute-apps=gpu_uuid,pid,used_memory}; {@code indexByUuid} maps a GPU to its index. */
    public static List<GpuProcess> parseApps(String csv, Map<String, Integer> indexByUuid) throws SmiParseException {
        List<GpuProcess> processes = new ArrayList<>();
        for (String line : lines(csv)) {
            if (line.startsWith("No running")) {
                continue; // older drivers print this instead of nothing
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new SmiParseException("expected 3 columns in compute apps, got " + cells.length + ": '"
                        + abbreviate(line) + "'");
            }
            String uuid = cells[0].strip();
            Integer index = indexByUuid.get(uuid);
            if (index == null) {
                continue; // a GPU that appeared after the device query
            }
            long pid = (long) number(cells[1].strip(), "pid");
            String used = cells[2].strip();
            OptionalLong bytes = absent(used) ? OptionalLong.empty()
                    : OptionalLong.of(Math.round(number(stripUnit(used), "used_memory") * MIB));
            processes.add(new GpuProcess(index, uuid, pid, bytes));
        }
        return processes;
    }

    /** nvidia-smi ends every line with a newline: output that stops mid-line was cut short. */
    private static List<String> lines(String text) throws SmiParseException {
        if (!text.isBlank() && !text.endsWith("\n")) {
            throw new SmiParseException("output ends mid-line (truncated): '"
                    + abbreviate(text.substring(text.lastIndexOf('\n') + 1)) + "'");
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    static boolean absent(String value) {
        return value.isEmpty() || value.startsWith("[") || value.equals("N/A") || value.equals("Not Supported");
    }

    private static double number(String value, String field) throws SmiParseException {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new SmiParseException("'" + abbreviate(value) + "' is not a number for " + field);
        }
    }

    /** Tolerates unit suffixes ({@code 81559 MiB}, {@code 75.07 W}) in case {@code nounits} was ignored. */
    private static String stripUnit(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) : value;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** One CSV row being read into a device. */
    private static final class Row {
        final Map<Reading, Double> readings = new EnumMap<>(Reading.class);
        Integer index;
        String uuid = "";
        String name = "";
        String busId = "";
        String driver = "";
        OptionalLong reasons = OptionalLong.empty();
        boolean lost;

        void set(SmiField field, String value) throws SmiParseException {
            if (value.contains("GPU is lost")) {
                lost = true;
                return;
            }
            switch (field) {
                case INDEX -> index = (int) number(value, "index");
                case UUID -> uuid = value;
                case NAME -> name = value;
                case PCI_BUS_ID -> busId = value;
                case DRIVER_VERSION -> driver = value;
                default -> setReading(field, value);
            }
        }

        private void setReading(SmiField field, String value) throws SmiParseException {
            if (absent(value)) {
                return;
            }
            String name = field.names().get(0);
            switch (field.kind()) {
                case NUMBER -> readings.put(field.reading(), number(stripUnit(value), name));
                case MEBIBYTES -> readings.put(field.reading(), number(stripUnit(value), name) * MIB);
                case MEGAHERTZ -> readings.put(field.reading(), number(stripUnit(value), name) * 1e6);
                case PSTATE -> {
                    if (!value.startsWith("P")) {
                        throw new SmiParseException("'" + value + "' is not a P-state");
                    }
                    readings.put(field.reading(), number(value.substring(1), name));
                }
                case HEX -> {
                    String hex = value.toLowerCase(Locale.ROOT);
                    if (!hex.startsWith("0x")) {
                        throw new SmiParseException("'" + value + "' is not a hex bitmask for " + name);
                    }
                    try {
                        reasons = OptionalLong.of(Long.parseUnsignedLong(hex.substring(2), 16));
                    } catch (NumberFormatException e) {
                        throw new SmiParseException("'" + value + "' is not a hex bitmask for " + name);
                    }
                }
                case YES_NO -> readings.put(field.reading(), flag(value, "Yes", "No", name));
                case ENABLED -> readings.put(field.reading(), flag(value, "Enabled", "Disabled", name));
                default -> throw new IllegalStateException(field + " is not a reading");
            }
        }

        private static double flag(String value, String yes, String no, String name) throws SmiParseException {
            if (value.equalsIgnoreCase(yes)) {
                return 1;
            }
            if (value.equalsIgnoreCase(no)) {
                return 0;
            }
            throw new SmiParseException("'" + value + "' is neither " + yes + " nor " + no + " for " + name);
        }

        GpuDevice device() throws SmiParseException {
            if (index == null || (uuid.isEmpty() && !lost)) {
                throw new SmiParseException("a row without index or uuid");
            }
            if (lost) {
                return GpuDevice.lost(index, uuid, name, busId);
            }
            return new GpuDevice(index, uuid, name, busId, false, readings, reasons);
        }
    }
}
