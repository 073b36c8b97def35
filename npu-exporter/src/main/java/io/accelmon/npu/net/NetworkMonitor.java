package io.accelmon.npu.net;

import io.accelmon.core.process.ProcessResult;
import io.accelmon.npu.model.ChipKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Network health of each chip through hccn_tool, ONE chip per call to {@link #cycle} (the background loop calls it
 * after each NPU cycle), rotating, so a slow or hung hccn_tool costs at most one timeout per cycle. A chip whose
 * query fails loses its network readings (never stale values) and keeps the reason: {@code missing} (no
 * hccn_tool), {@code timeout}, {@code exit} (non-zero status) or {@code garbage} (no {@code key: value} output).
 */
public final class NetworkMonitor {

    /** What was last read for one chip: readings, {@code -stat} counters by hccn_tool's name, or why it failed. */
    public record ChipNetwork(Map<NetReading, Double> readings, Map<String, Double> counters, String failure) {
    }

    static final List<String> COMMANDS = List.of("link", "net_health", "link_stat", "optical", "stat");

    private final HccnTool tool;
    private final Map<ChipKey, ChipNetwork> latest = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private int rotation;

    public NetworkMonitor(HccnTool tool) {
        this.tool = tool;
    }

    /** Queries the next chip of {@code devices} (chip to hccn_tool device id, i.e. the logic id). */
    public void cycle(Map<ChipKey, Integer> devices) {
        latest.keySet().retainAll(devices.keySet());
        if (devices.isEmpty()) {
            return;
        }
        List<ChipKey> order = new ArrayList<>(devices.keySet());
        order.sort(null);
        ChipKey chip = order.get(Math.floorMod(rotation++, order.size()));
        latest.put(chip, query(devices.get(chip)));
    }

    public Map<ChipKey, ChipNetwork> latest() {
        return Map.copyOf(latest);
    }

    /** Failed queries since start, by reason. */
    public Map<String, Long> failures() {
        Map<String, Long> out = new LinkedHashMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private ChipNetwork query(int device) {
        Map<NetReading, Double> readings = new EnumMap<>(NetReading.class);
        Map<String, Double> counters = new LinkedHashMap<>();
        for (String command : COMMANDS) {
            ProcessResult r;
            try {
                r = tool.query(device, command);
            } catch (IOException e) {
                return failed("missing");
            }
            if (r.timedOut()) {
                return failed("timeout");
            }
            if (r.exitCode() != 0) {
                return failed("exit");
            }
            HccnReport report = HccnReport.parse(r.stdout());
            if (report.isEmpty()) {
                return failed("garbage");
            }
            read(command, report, readings, counters);
        }
        return new ChipNetwork(readings, counters, "");
    }

    private ChipNetwork failed(String reason) {
        failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        return new ChipNetwork(Map.of(), Map.of(), reason);
    }

    static void read(String command, HccnReport r, Map<NetReading, Double> readings, Map<String, Double> counters) {
        switch (command) {
            case "link" -> put(readings, NetReading.LINK_UP, word(r.text("link status"), "up", "down"));
            case "net_health" -> {
                String v = r.text("net health status");
                if (v != null) {
                    String w = v.strip().toLowerCase(Locale.ROOT);
                    readings.put(NetReading.NET_HEALTHY, w.equals("success") || w.equals("init") ? 1.0 : 0.0);
                }
            }
            case "link_stat" -> put(readings, NetReading.LINK_UP_COUNT, r.number("link up count"));
            case "optical" -> {
                put(readings, NetReading.OPTICAL_PRESENT, word(r.text("present"), "present", "not present"));
                put(readings, NetReading.OPTICAL_TEMPERATURE_CELSIUS, r.number("temperature"));
                put(readings, NetReading.OPTICAL_VCC_VOLTS, milli(first(r, "Vcc")));
                put(readings, NetReading.OPTICAL_TX_POWER_WATTS, milli(first(r, "Tx Power", "Tx_Power0")));
                put(readings, NetReading.OPTICAL_RX_POWER_WATTS, milli(first(r, "Rx Power", "Rx_Power0")));
                put(readings, NetReading.OPTICAL_TX_BIAS_AMPERES, milli(first(r, "Tx Bias")));
            }
            case "stat" -> r.values().forEach((k, v) -> {
                Double d = HccnReport.parse(k + ": " + v).number(k);
                if (d != null && d >= 0) {
                    counters.put(k, d);
                }
            });
            default -> { }
        }
    }

    private static Double first(HccnReport r, String... keys) {
        for (String k : keys) {
            Double d = r.number(k);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** hccn_tool prints mW, mV, mA. */
    private static Double milli(Double v) {
        return v == null ? null : Math.round(v * 1e9) / 1e12; // mW to W without binary noise
    }

    private static Double word(String text, String one, String zero) {
        if (text == null) {
            return null;
        }
        String w = text.strip().toLowerCase(Locale.ROOT);
        return w.equals(one) ? 1.0 : w.equals(zero) ? 0.0 : null;
    }

    private static void put(Map<NetReading, Double> readings, NetReading r, Double v) {
        if (v != null) {
            readings.put(r, v);
        }
    }
}
