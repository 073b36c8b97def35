package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.ChipDetails;
import io.accelmon.npu.model.ChipReading;
import io.accelmon.npu.model.ChipState;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The default naming (docs/contracts.md): {@code npu_*} families in base units, chip series labelled {@code id} (NPU
 * id) and {@code chip}. Measurements are emitted only from a successful cycle; a failed cycle leaves
 * {@code npu_info}, {@code npu_health_status=-1} and {@code npu_chips{state="unknown"}} for the chips last known.
 */
public final class AccelmonNaming implements Naming {

    @Override
    public void render(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Families f) {
        Map<Health, Integer> states = new EnumMap<>(Health.class);
        for (Health h : Health.values()) {
            states.put(h, 0);
        }
        for (ChipState chip : s.chips()) {
            ChipReading r = chip.reading();
            Labels id = Labels.of("id", Integer.toString(r.npuId()), "chip", Integer.toString(r.chip()));
            states.merge(r.health(), 1, Integer::sum);
            f.gauge("npu_info", "NPU chip identity; value 1.", id.merge(Labels.of(
                    "model_name", chip.modelName(), "name", nz(r.name()), "vdie_id", chip.vdieId(),
                    "pcie_bus_info", chip.pcieBusInfo(), "driver_version", nz(s.driverVersion()),
                    "firmware_version", nz(chip.details().anyText("Firmware Version")))), 1);
            f.gauge("npu_health_status", "Chip health: 0 OK, 1 Warning, 2 Alarm, 3 Critical, -1 unknown (source failed).",
                    id, r.health().value());
            if (s.backendUp()) {
                measurements(chip, id, f);
            }
        }
        for (Map.Entry<Health, Integer> e : states.entrySet()) {
            f.gauge("npu_chips", "Number of NPU chips by health state.", Labels.of("state", e.getKey().label()),
                    e.getValue());
        }
        processes(s, owners, f);
    }

    private static void measurements(ChipState chip, Labels id, Families f) {
        ChipReading r = chip.reading();
        ChipDetails d = chip.details();
        put(f, "npu_power_watts", "Chip power draw in watts.", id, r.powerWatts(),
                d.number("common", "NPU Real-time Power(W)"));
        put(f, "npu_temperature_celsius", "Chip temperature in degrees Celsius.", id, r.temperatureCelsius(),
                d.number("common", "Temperature(C)"));
        ratio(f, "npu_aicore_utilization_ratio", "AI Core utilisation, 0-1.", id, r.aicorePercent(),
                d.number("usages", "Aicore Usage Rate(%)"));
        ratio(f, "npu_aicpu_utilization_ratio", "AI CPU utilisation, 0-1.", id, null,
                d.number("usages", "Aicpu Usage Rate(%)"));
        ratio(f, "npu_vector_utilization_ratio", "AI Vector core utilisation, 0-1.", id, null,
                d.number("usages", "Aivector Usage Rate(%)"));
        ratio(f, "npu_cube_utilization_ratio", "AI Cube utilisation, 0-1.", id, null,
                d.number("usages", "Aicube Usage Rate(%)"));
        ratio(f, "npu_utilization_ratio", "Overall NPU utilisation, 0-1 (950 table, -t usages NPU Utilization).", id,
                r.npuUtilPercent(), d.number("usages", "NPU Utilization(%)"));
        ratio(f, "npu_ctrlcpu_utilization_ratio", "Control CPU utilisation, 0-1.", id, null,
                d.number("usages", "Ctrlcpu Usage Rate(%)"));
        ratio(f, "npu_hbm_bandwidth_utilization_ratio", "HBM bandwidth utilisation, 0-1.", id, null,
                d.number("usages", "HBM Bandwidth Usage Rate(%)"));
        if (r.hbmTotalMb() != null && r.hbmTotalMb() > 0) {
            f.gauge("npu_hbm_used_bytes", "HBM in use, bytes.", id, Units.mbToBytes(r.hbmUsedMb()));
            f.gauge("npu_hbm_total_bytes", "HBM capacity, bytes.", id, Units.mbToBytes(r.hbmTotalMb()));
        }
        ddr(r, d, id, f);
        if (r.hugepagesTotal() != null) {
            f.gauge("npu_hugepages_used", "DDR hugepages in use, pages.", id, r.hugepagesUsed());
            f.gauge("npu_hugepages_total", "DDR hugepages, pages.", id, r.hugepagesTotal());
        }
        freq(f, "npu_aicore_frequency_hertz", "Current AI Core clock, hertz.", id, d.number("common", "Aicore curFreq(MHZ)"));
        freq(f, "npu_aicore_max_frequency_hertz", "Rated AI Core clock, hertz.", id, d.number("common", "Aicore Freq(MHZ)"));
        freq(f, "npu_hbm_frequency_hertz", "HBM clock, hertz.", id, d.number("memory", "HBM Clock Speed(MHz)"));
        freq(f, "npu_ddr_frequency_hertz", "DDR clock, hertz.", id, d.number("memory", "DDR Clock Speed(MHz)"));
        d.number("common", "Aicore Count").ifPresent(v -> f.gauge("npu_aicore_count", "AI Cores on the chip.", id, v));
        d.number("memory", "HBM Temperature(C)").ifPresent(v ->
                f.gauge("npu_hbm_temperature_celsius", "HBM temperature, degrees Celsius.", id, v));
        ecc(d, id, f);
        for (String code : d.errorCodes()) {
            f.gauge("npu_error_code", "An active error code of -t health (hex); value 1.", id.merge(
                    Labels.of("code", code)), 1);
        }
        if (d.has("health")) {
            f.gauge("npu_error_codes", "Number of active error codes reported by -t health.", id, d.errorCodes().size());
        }
    }

    private static void ddr(ChipReading r, ChipDetails d, Labels id, Families f) {
        if (r.memoryTotalMb() != null && r.memoryTotalMb() > 0) {
            f.gauge("npu_ddr_used_bytes", "DDR in use, bytes.", id, Units.mbToBytes(r.memoryUsedMb()));
            f.gauge("npu_ddr_total_bytes", "DDR capacity, bytes.", id, Units.mbToBytes(r.memoryTotalMb()));
            return;
        }
        OptionalDouble cap = d.number("usages", "DDR Capacity(MB)");
        OptionalDouble rate = d.number("usages", "DDR Usage Rate(%)");
        if (cap.isPresent() && cap.getAsDouble() > 0 && rate.isPresent()) {
            f.gauge("npu_ddr_used_bytes", "DDR in use, bytes.", id,
                    Units.mbToBytes(cap.getAsDouble() * rate.getAsDouble() / 100.0));
            f.gauge("npu_ddr_total_bytes", "DDR capacity, bytes.", id, Units.mbToBytes(cap.getAsDouble()));
        }
    }

    private static void ecc(ChipDetails d, Labels id, Families f) {
        for (String memory : new String[] {"DDR", "HBM"}) {
            for (String bit : new String[] {"Single", "Double"}) {
                Labels l = id.merge(Labels.of("memory", memory.toLowerCase(), "bit", bit.toLowerCase()));
                d.number("ecc", memory + " " + bit + " Bit Error Count").ifPresent(v -> f.gauge("npu_ecc_errors",
                        "ECC errors counted by npu-smi -t ecc since the last reset.", l, v));
                d.number("ecc", memory + " " + bit + " Bit Aggregate Total Err Cnt").ifPresent(v -> f.gauge(
                        "npu_ecc_aggregate_errors", "ECC errors over the chip's lifetime (-t ecc aggregate).", l, v));
                d.number("ecc", memory + " " + bit + " Bit Isolated Pages Count").ifPresent(v -> f.gauge(
                        "npu_ecc_isolated_pages", "Memory pages isolated after ECC errors.", l, v));
            }
        }
    }

    private static void processes(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Families f) {
        Map<Labels, Double> perUser = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (NpuProcess p : s.processes()) {
            Labels id = Labels.of("id", Integer.toString(p.npuId()), "chip", Integer.toString(p.chipOrZero()));
            double bytes = Units.mbToBytes(p.memoryMb());
            f.gauge("npu_process_hbm_used_bytes", "HBM held by a process, bytes.",
                    id.merge(Labels.of("pid", Long.toString(p.pid()))), bytes);
            ProcessAttribution a = owners.getOrDefault(p.pid(), ProcessAttribution.unknown(p.pid()));
            String command = !a.command().isEmpty() ? a.command() : nz(p.name());
            f.gauge("npu_process_info", "Owner of an NPU process (no arguments, no environment); value 1.",
                    Labels.of("pid", Long.toString(p.pid()), "user", a.user(), "command", command,
                            "slurm_job", a.slurmJob(), "container", a.container()), 1);
            perUser.merge(id.merge(Labels.of("user", a.user())), bytes, Double::sum);
        }
        perUser.forEach((labels, bytes) -> f.gauge("npu_user_hbm_used_bytes", "HBM held per user, bytes.", labels,
                bytes));
    }

    private static void put(Families f, String name, String help, Labels id, Double table, OptionalDouble report) {
        if (table != null) {
            f.gauge(name, help, id, table);
        } else if (report.isPresent()) {
            f.gauge(name, help, id, report.getAsDouble());
        }
    }

    private static void ratio(Families f, String name, String help, Labels id, Double tablePercent,
                              OptionalDouble reportPercent) {
        if (tablePercent != null) {
            f.gauge(name, help, id, Units.percentToRatio(tablePercent));
        } else if (reportPercent.isPresent()) {
            f.gauge(name, help, id, Units.percentToRatio(reportPercent.getAsDouble()));
        }
    }

    private static void freq(Families f, String name, String help, Labels id, OptionalDouble mhz) {
        mhz.ifPresent(v -> f.gauge(name, help, id, Units.mhzToHertz(v)));
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
