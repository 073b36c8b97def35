package io.accelmon.node.collect;

import io.accelmon.core.scrape.SourceCollector;
import io.accelmon.node.source.SysfsDirs;
import io.accelmon.node.source.ProcFiles;
import io.accelmon.node.source.SysValue;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * node_exporter's powersupplyclass collector: mains adapters, batteries and UPS batteries from
 * /sys/class/power_supply. Families keep node_exporter's names, some of which carry no unit suffix
 * ({@code energy_full} is watt-hours like {@code energy_watthour}); sysfs's micro-units become base units, tenths of
 * a degree become °C.
 */
public final class PowerSupplyClassCollector implements SourceCollector {

    /** node_exporter's {@code --collector.powersupply.ignored-supplies} default. */
    public static final String DEFAULT_IGNORED = "^$";

    /** sysfs attribute, family suffix, divisor. */
    private record Attribute(String file, String family, double divisor) {
    }

    private static final List<Attribute> NUMBERS = new ArrayList<>();
    private static final List<String> INFO = List.of("type", "capacity_level", "charge_type", "health",
            "manufacturer", "model_name", "serial_number", "status", "technology", "usb_type", "scope");

    static {
        for (String[] a : new String[][] {{"authentic", "authentic"}, {"calibrate", "calibrate"},
                {"capacity", "capacity"}, {"capacity_alert_max", "capacity_alert_max"},
                {"capacity_alert_min", "capacity_alert_min"}, {"cycle_count", "cyclecount"}, {"online", "online"},
                {"present", "present"}, {"time_to_empty_now", "time_to_empty_seconds"},
                {"time_to_full_now", "time_to_full_seconds"}}) {
            NUMBERS.add(new Attribute(a[0], a[1], 1));
        }
        for (String[] a : new String[][] {{"current_boot", "current_boot"}, {"current_max", "current_max"},
                {"current_now", "current_ampere"}, {"energy_empty", "energy_empty"},
                {"energy_empty_design", "energy_empty_design"}, {"energy_full", "energy_full"},
                {"energy_full_design", "energy_full_design"}, {"energy_now", "energy_watthour"},
                {"voltage_boot", "voltage_boot"}, {"voltage_max", "voltage_max"},
                {"voltage_max_design", "voltage_max_design"}, {"voltage_min", "voltage_min"},
                {"voltage_min_design", "voltage_min_design"}, {"voltage_now", "voltage_volt"},
                {"voltage_ocv", "voltage_ocv"}, {"charge_control_limit", "charge_control_limit"},
                {"charge_control_limit_max", "charge_control_limit_max"}, {"charge_counter", "charge_counter"},
                {"charge_empty", "charge_empty"}, {"charge_empty_design", "charge_empty_design"},
                {"charge_full", "charge_full"}, {"charge_full_design", "charge_full_design"},
                {"charge_now", "charge_ampere"}, {"charge_term_current", "charge_term_current"},
                {"constant_charge_current", "constant_charge_current"},
                {"constant_charge_current_max", "constant_charge_current_max"},
                {"constant_charge_voltage", "constant_charge_voltage"},
                {"constant_charge_voltage_max", "constant_charge_voltage_max"},
                {"precharge_current", "precharge_current"}, {"input_current_limit", "input_current_limit"},
                {"power_now", "power_watt"}}) {
            NUMBERS.add(new Attribute(a[0], a[1], 1e6));
        }
        for (String a : List.of("temp", "temp_alert_max", "temp_alert_min", "temp_ambient", "temp_ambient_max",
                "temp_ambient_min", "temp_max", "temp_min")) {
            NUMBERS.add(new Attribute(a, a + "_celsius", 10));
        }
    }

    private final Path classPowerSupply;
    private final Pattern ignored;

    public PowerSupplyClassCollector(ProcFiles files, Pattern ignored) {
        this.classPowerSupply = files.sys().resolve("class/power_supply");
        this.ignored = ignored;
    }

    @Override
    public String name() {
        return "powersupplyclass";
    }

    @Override
    public List<MetricSnapshot> collect() throws IOException {
        List<Path> supplies = SysfsDirs.entries(classPowerSupply);
        Map<String, Families.Gauge> families = new TreeMap<>();
        Families.Gauge info = Families.gauge("node_power_supply_info", "info of /sys/class/power_supply/<power_supply>.");
        boolean any = false;
        for (Path p : supplies) {
            String supply = p.getFileName().toString();
            if (ignored != null && ignored.matcher(supply).find()) {
                continue;
            }
            any = true;
            for (Attribute a : NUMBERS) {
                Double v = number(p.resolve(a.file()));
                if (v != null) {
                    String name = "node_power_supply_" + a.family();
                    families.computeIfAbsent(name, n -> Families.gauge(n, a.file() + " value of "
                            + "/sys/class/power_supply/<power_supply>.")).add(v / a.divisor(), "power_supply", supply);
                }
            }
            List<String> names = new ArrayList<>(List.of("power_supply"));
            List<String> values = new ArrayList<>(List.of(supply));
            for (String f : INFO) {
                String v = SysValue.text(p.resolve(f));
                if (v != null && !v.isEmpty()) {
                    names.add(f);
                    values.add(v);
                }
            }
            info.add(Labels.of(names, values), 1);
        }
        if (!any) {
            return List.of();
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(g -> out.add(g.build()));
        out.add(info.build());
        return out;
    }

    /** A numeric attribute; absent, or refused by the driver (EIO/ENODATA while it probes the battery): null. */
    private static Double number(Path file) {
        try {
            return SysValue.number(file);
        } catch (IOException e) {
            return null;
        }
    }
}
