package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node_exporter's hwmon collector: every sensor file of every chip in /sys/class/hwmon (and its {@code device}
 * directory, where old drivers keep them), named {@code node_hwmon_<type>[_<property>]_<unit>{chip,sensor}} with
 * sysfs's milli- and micro-units converted to volts, °C, amperes, watts and joules. The chip label is built from
 * the device path (bus type + device name), which stays stable across reboots where hwmonN numbering does not.
 * A sensor that cannot be read (EIO from a powered-down chip) is left out; reads run within the scrape guard's
 * deadline like every collector.
 */
public final class HwmonCollector implements SourceCollector {

    private static final Pattern SENSOR_FILE = Pattern.compile("^([^0-9]+)([0-9]*)(?:_(.+))?$");
    private static final Set<String> SENSOR_TYPES = Set.of("vrm", "beep_enable", "update_interval", "in", "cpu",
            "fan", "pwm", "temp", "curr", "power", "energy", "humidity", "intrusion");
    private static final Pattern INVALID = Pattern.compile("[^a-z0-9:_]");

    private final Path classHwmon;
    private final Pattern chipInclude;
    private final Pattern chipExclude;

    /** @param chipInclude {@code --collector.hwmon.chip-include} or null; @param chipExclude its exclude or null */
    public HwmonCollector(ProcFiles files, Pattern chipInclude, Pattern chipExclude) {
        this.classHwmon = files.sys().resolve("class/hwmon");
        this.chipInclude = chipInclude;
        this.chipExclude = chipExclude;
    }

    @Override
    public String name() {
        return "hwmon";
    }

    /** One family being built: gauge or counter, with its first help text. */
    private static final class Family {
        final Families.Gauge gauge;
        final Families.Counter counter;

        Family(String name, String help, boolean isCounter) {
            gauge = isCounter ? null : Families.gauge(name, help);
            counter = isCounter ? Families.counter(name, help) : null;
        }

        void add(double v, String... labels) {
            if (gauge != null) {
                gauge.add(v, labels);
            } else {
                counter.add(v, labels);
            }
        }

        MetricSnapshot build() {
            return gauge != null ? gauge.build() : counter.build();
        }
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> chips = SysfsDirs.entries(classHwmon);
        Map<String, Family> families = new TreeMap<>();
        for (Path dir : chips) {
            String chip = chipLabel(dir);
            if ((chipInclude != null && !chipInclude.matcher(chip).find())
                    || (chipExclude != null && chipExclude.matcher(chip).find())) {
                continue;
            }
            collectChip(dir, chip, families);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(f -> out.add(f.build()));
        return out;
    }

    private static void collectChip(Path dir, String chip, Map<String, Family> families) throws IOException {
        Map<String, Map<String, String>> sensors = new TreeMap<>();
        readSensors(dir, sensors);
        Path device = dir.resolve("device");
        if (device.toFile().exists()) {
            readSensors(device, sensors);
        }
        String chipName = clean(readOrNull(dir.resolve("name")));
        if (chipName != null && !chipName.isEmpty()) {
            family(families, "node_hwmon_chip_names", "Annotation metric for human-readable chip names", false)
                    .add(1, "chip", chip, "chip_name", chipName);
        }
        for (Map.Entry<String, Map<String, String>> s : sensors.entrySet()) {
            String sensor = s.getKey();
            Map<String, String> data = s.getValue();
            Matcher m = SENSOR_FILE.matcher(sensor);
            String type = m.matches() ? m.group(1) : sensor;
            if (data.containsKey("label")) {
                family(families, "node_hwmon_sensor_label", "Label for given chip and sensor", false)
                        .add(1, "chip", chip, "sensor", sensor, "label", data.get("label"));
            }
            switch (type) {
                case "beep_enable" -> family(families, "node_hwmon_beep_enabled", "Hardware beep enabled", false)
                        .add("1".equals(data.get("")) ? 1 : 0, "chip", chip, "sensor", sensor);
                case "vrm" -> number(data.get("")).ifPresent(v -> family(families,
                        "node_hwmon_voltage_regulator_version", "Hardware voltage regulator", false)
                        .add(v, "chip", chip, "sensor", sensor));
                case "update_interval" -> number(data.get("")).ifPresent(v -> family(families,
                        "node_hwmon_update_interval_seconds", "Hardware monitor update interval", false)
                        .add(v * 0.001, "chip", chip, "sensor", sensor));
                default -> elements(families, chip, sensor, type, data);
            }
        }
    }

    private static void elements(Map<String, Family> families, String chip, String sensor, String type,
                                 Map<String, String> data) {
        String prefix = "node_hwmon_" + type;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String element = e.getKey();
            if (element.equals("label")) {
                continue;
            }
            java.util.OptionalDouble parsed = number(e.getValue());
            if (parsed.isEmpty()) {
                continue;
            }
            double v = parsed.getAsDouble();
            String name = prefix;
            if (element.equals("input")) {
                if (data.containsKey("")) {
                    name += "_input";
                }
            } else if (!element.isEmpty()) {
                name += "_" + clean(element);
            }
            String[] labels = {"chip", chip, "sensor", sensor};
            if (element.equals("beep")) {
                family(families, name + "_enabled", "Hardware monitor sensor has beeping enabled", false)
                        .add(v, labels);
            } else if (element.equals("fault") || element.equals("alarm")) {
                family(families, name, "Hardware sensor " + element + " status (" + type + ")", false)
                        .add(v, labels);
            } else if (type.equals("in") || type.equals("cpu")) {
                family(families, name + "_volts", "Hardware monitor for voltage (" + element + ")", false)
                        .add(v * 0.001, labels);
            } else if (type.equals("temp") && !element.equals("type")) {
                family(families, name + "_celsius", "Hardware monitor for temperature ("
                        + (element.isEmpty() ? "input" : element) + ")", false).add(v * 0.001, labels);
            } else if (type.equals("curr")) {
                family(families, name + "_amps", "Hardware monitor for current (" + element + ")", false)
                        .add(v * 0.001, labels);
            } else if (type.equals("energy")) {
                family(families, name + "_joule_total", "Hardware monitor for joules used so far (" + element
                        + ")", true).add(v / 1000000.0, labels);
            } else if (type.equals("power") && element.equals("accuracy")) {
                family(families, name, "Hardware monitor power meter accuracy, as a ratio", false)
                        .add(v / 1000000.0, labels);
            } else if (type.equals("power") && element.startsWith("average_interval")) {
                family(families, name + "_seconds", "Hardware monitor power usage update interval (" + element
                        + ")", false).add(v * 0.001, labels);
            } else if (type.equals("power")) {
                family(families, name + "_watt", "Hardware monitor for power usage in watts (" + element + ")",
                        false).add(v / 1000000.0, labels);
            } else if (type.equals("humidity")) {
                family(families, name, "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get "
                        + "the humidity as a percentage) (" + element + ")", false).add(v * 0.001, labels);
            } else if (type.equals("fan") && Set.of("input", "min", "max", "target").contains(element)) {
                family(families, name + "_rpm", "Hardware monitor for fan revolutions per minute (" + element
                        + ")", false).add(v, labels);
            } else {
                family(families, name, "Hardware monitor " + type + " element " + element, false).add(v, labels);
            }
        }
    }

    private static Family family(Map<String, Family> families, String name, String help, boolean counter) {
        return families.computeIfAbsent(name, n -> new Family(n, help, counter));
    }

    /** {@code <type><n>_<property>} files of the known sensor types, value text by sensor and property. */
    private static void readSensors(Path dir, Map<String, Map<String, String>> sensors) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path file : s) {
                Matcher m = SENSOR_FILE.matcher(file.getFileName().toString());
                if (!m.matches() || !SENSOR_TYPES.contains(m.group(1))) {
                    continue;
                }
                String value = readOrNull(file);
                if (value == null) {
                    continue; // a directory, or a sensor the chip refuses to read right now
                }
                int id = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
                sensors.computeIfAbsent(m.group(1) + id, k -> new TreeMap<>())
                        .put(m.group(3) == null ? "" : m.group(3), value);
            }
        }
    }

    private static String readOrNull(Path file) {
        try {
            // labels are free text: invalid UTF-8 becomes U+FFFD, as node_exporter does
            String s = new String(ProcFiles.readBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            return s.replace("\n", "");
        } catch (IOException e) {
            return null;
        }
    }

    private static java.util.OptionalDouble number(String s) {
        if (s == null) {
            return java.util.OptionalDouble.empty();
        }
        try {
            return java.util.OptionalDouble.of(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** Stable chip label: bus type and device name from the device path, else the name file, else hwmonN. */
    static String chipLabel(Path dir) throws IOException {
        Path device = dir.resolve("device");
        if (device.toFile().exists()) {
            Path real = device.toRealPath();
            String devName = clean(real.getFileName().toString());
            String devType = real.getParent() == null || real.getParent().getFileName() == null ? ""
                    : clean(real.getParent().getFileName().toString());
            if (!devType.isEmpty() && !devName.isEmpty()) {
                return devType + "_" + devName;
            }
            if (!devName.isEmpty()) {
                return devName;
            }
        }
        String name = clean(readOrNull(dir.resolve("name")));
        if (name != null && !name.isEmpty()) {
            return name;
        }
        return clean(dir.toRealPath().getFileName().toString());
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String replaced = INVALID.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("_");
        int start = 0;
        int end = replaced.length();
        while (start < end && replaced.charAt(start) == '_') {
            start++;
        }
        while (end > start && replaced.charAt(end - 1) == '_') {
            end--;
        }
        return replaced.substring(start, end);
    }
}
