package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.Chip;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.model.Reading;
import io.accelmon.npu.model.VirtualNpu;
import io.accelmon.npu.net.NetworkMonitor.ChipNetwork;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default naming (docs/contracts.md): {@code npu_*} families in base units, chip series labelled {@code id} (NPU
 * id) and {@code chip}. Measurements are emitted only from a successful cycle; a failed cycle leaves
 * {@code npu_info}, {@code npu_health_status=-1} and {@code npu_chips{state="unknown"}} for the chips last known.
 */
public final class AccelmonNaming implements Naming {

    /** Every chip reading this naming serves, in base units. */
    static final List<ReadingFamily> TABLE = List.of(
            ReadingFamily.of(Reading.POWER_WATTS, "npu_power_watts", "Chip power draw in watts."),
            ReadingFamily.of(Reading.TEMPERATURE_CELSIUS, "npu_temperature_celsius", "Chip temperature in degrees Celsius."),
            ReadingFamily.of(Reading.VOLTAGE_VOLTS, "npu_voltage_volts", "Chip supply voltage in volts."),
            ReadingFamily.of(Reading.AICORE_RATIO, "npu_aicore_utilization_ratio", "AI Core utilisation, 0-1."),
            ReadingFamily.of(Reading.AICPU_RATIO, "npu_aicpu_utilization_ratio", "AI CPU utilisation, 0-1."),
            ReadingFamily.of(Reading.VECTOR_RATIO, "npu_vector_utilization_ratio", "AI Vector core utilisation, 0-1."),
            ReadingFamily.of(Reading.CUBE_RATIO, "npu_cube_utilization_ratio", "AI Cube utilisation, 0-1."),
            ReadingFamily.of(Reading.NPU_UTIL_RATIO, "npu_utilization_ratio",
                    "Overall NPU utilisation, 0-1 (950 table, -t usages NPU Utilization)."),
            ReadingFamily.of(Reading.CTRLCPU_RATIO, "npu_ctrlcpu_utilization_ratio", "Control CPU utilisation, 0-1."),
            ReadingFamily.of(Reading.HBM_BANDWIDTH_RATIO, "npu_hbm_bandwidth_utilization_ratio",
                    "HBM bandwidth utilisation, 0-1."),
            ReadingFamily.of(Reading.HBM_USAGE_RATIO, "npu_hbm_utilization_ratio", "Share of HBM in use, 0-1."),
            ReadingFamily.of(Reading.HBM_USED_BYTES, "npu_hbm_used_bytes", "HBM in use, bytes."),
            ReadingFamily.of(Reading.HBM_TOTAL_BYTES, "npu_hbm_total_bytes", "HBM capacity, bytes."),
            ReadingFamily.of(Reading.DDR_USED_BYTES, "npu_ddr_used_bytes", "DDR in use, bytes."),
            ReadingFamily.of(Reading.DDR_TOTAL_BYTES, "npu_ddr_total_bytes", "DDR capacity, bytes."),
            ReadingFamily.of(Reading.HUGEPAGES_USED, "npu_hugepages_used", "DDR hugepages in use, pages."),
            ReadingFamily.of(Reading.HUGEPAGES_TOTAL, "npu_hugepages_capacity", "DDR hugepages on the chip, pages."),
            ReadingFamily.of(Reading.HUGEPAGES_TOTAL, "npu_hugepages_total",
                    "Deprecated alias of npu_hugepages_capacity (kept for existing queries; the name reads like a counter)."),
            ReadingFamily.of(Reading.AICORE_FREQUENCY_HERTZ, "npu_aicore_frequency_hertz", "Current AI Core clock, hertz."),
            ReadingFamily.of(Reading.AICORE_MAX_FREQUENCY_HERTZ, "npu_aicore_max_frequency_hertz",
                    "Rated AI Core clock, hertz."),
            ReadingFamily.of(Reading.HBM_FREQUENCY_HERTZ, "npu_hbm_frequency_hertz", "HBM clock, hertz."),
            ReadingFamily.of(Reading.DDR_FREQUENCY_HERTZ, "npu_ddr_frequency_hertz", "DDR clock, hertz."),
            ReadingFamily.of(Reading.AICORE_COUNT, "npu_aicores", "AI Cores on the chip."),
            ReadingFamily.of(Reading.AICORE_COUNT, "npu_aicore_count",
                    "Deprecated alias of npu_aicores (kept for existing queries; the name reads like a summary's count)."),
            ReadingFamily.of(Reading.HBM_TEMPERATURE_CELSIUS, "npu_hbm_temperature_celsius",
                    "HBM temperature, degrees Celsius."),
            ReadingFamily.of(Reading.HBM_ECC_ENABLED, "npu_hbm_ecc_enabled", "1 when HBM ECC detection is enabled, else 0."),
            ReadingFamily.of(Reading.NETWORK_HEALTHY, "npu_network_healthy",
                    "1 when the chip's network health check passes, 0 when it reports a fault."),
            ReadingFamily.of(Reading.ERROR_CODE_COUNT, "npu_error_codes",
                    "Number of active error codes reported by -t health."));

    @Override
    public void render(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Map<ChipKey, ChipNetwork> network,
                       Families f) {
        Map<Health, Integer> states = new EnumMap<>(Health.class);
        for (Health h : Health.values()) {
            states.put(h, 0);
        }
        Workloads workloads = new Workloads(s.processes(), owners);
        for (Chip chip : s.chips()) {
            Labels id = Labels.of("id", Integer.toString(chip.npuId()), "chip", Integer.toString(chip.chip()));
            states.merge(chip.health(), 1, Integer::sum);
            f.gauge("npu_info", "NPU chip identity; value 1.", id.merge(Labels.of(
                    "model_name", chip.modelName(), "name", chip.text(Attribute.NAME), "vdie_id", chip.vdieId(),
                    "pcie_bus_info", chip.text(Attribute.PCIE_BUS_INFO), "driver_version", nz(s.driverVersion()),
                    "firmware_version", chip.text(Attribute.FIRMWARE_VERSION))), 1);
            if (!chip.text(Attribute.SERIAL_NUMBER).isEmpty() || !chip.text(Attribute.PRODUCT_TYPE).isEmpty()) {
                f.gauge("npu_product_info", "Card serial number and product type of the chip; value 1.",
                        id.merge(Labels.of("serial_number", chip.text(Attribute.SERIAL_NUMBER),
                                "product_type", chip.text(Attribute.PRODUCT_TYPE))), 1);
            }
            f.gauge("npu_health_status", "Chip health: 0 OK, 1 Warning, 2 Alarm, 3 Critical, -1 unknown (source failed).",
                    id, chip.health().value());
            if (s.backendUp()) {
                measurements(chip, id, f);
                for (Workloads.Workload w : workloads.on(chip.key())) {
                    f.gauge("npu_container_info", "A container holding memory on the chip; value 1.",
                            id.merge(Labels.of("container_id", w.containerId(), "namespace", w.namespace(),
                                    "pod", w.pod(), "container", w.container())), 1);
                    f.gauge("npu_container_hbm_used_bytes", "Device memory held by a container's processes, bytes.",
                            id.merge(Labels.of("container_id", w.containerId())), Units.mbToBytes(w.memoryMb()));
                }
            }
        }
        for (Map.Entry<Health, Integer> e : states.entrySet()) {
            f.gauge("npu_chips", "Number of NPU chips by health state.", Labels.of("state", e.getKey().label()),
                    e.getValue());
        }
        processes(s, owners, f);
        if (s.backendUp()) {
            NetworkFamilies.renderDefault(network, f);
            vnpus(s, owners, f);
        }
    }

    /** The virtual NPUs of the chips, each with the containers holding it; none where the chips are not partitioned. */
    private static void vnpus(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Families f) {
        for (VirtualNpu v : s.vnpus()) {
            Labels l = Labels.of("id", Integer.toString(v.chip().npuId()), "chip", Integer.toString(v.chip().chip()),
                    "vnpu_id", Integer.toString(v.id()));
            f.gauge("npu_vnpu_aicores", "AI Cores given to a virtual NPU (vNPU).", l, v.aicores());
            put(f, "npu_vnpu_aicore_utilization_ratio", "AI Core utilisation of a vNPU, 0-1.", l, v.aicoreRatio());
            put(f, "npu_vnpu_memory_total_bytes", "Memory of a vNPU, bytes.", l, v.memoryTotalBytes());
            put(f, "npu_vnpu_memory_used_bytes", "Memory of a vNPU in use, bytes.", l, v.memoryUsedBytes());
            for (Workloads.Workload w : Workloads.containersOf(v.holders(), owners).values()) {
                f.gauge("npu_vnpu_container_info", "A container holding a vNPU's device open; value 1.",
                        l.merge(Labels.of("container_id", w.containerId(), "namespace", w.namespace(), "pod", w.pod(),
                                "container", w.container())), 1);
            }
        }
    }

    private static void measurements(Chip chip, Labels id, Families f) {
        for (ReadingFamily family : TABLE) {
            family.render(chip, id, f);
        }
        ecc(chip, id, f);
        for (String code : chip.errorCodes()) {
            f.gauge("npu_error_code", "An active error code of -t health (hex); value 1.", id.merge(
                    Labels.of("code", code)), 1);
        }
    }

    private static void ecc(Chip chip, Labels id, Families f) {
        for (String memory : new String[] {"ddr", "hbm"}) {
            for (String bit : new String[] {"single", "double"}) {
                Labels l = id.merge(Labels.of("memory", memory, "bit", bit));
                put(f, "npu_ecc_errors", "ECC errors counted by npu-smi -t ecc since the last reset.", l,
                        chip.get(Reading.ecc(memory, bit, Reading.EccKind.ERRORS)));
                put(f, "npu_ecc_aggregate_errors", "ECC errors over the chip's lifetime (-t ecc aggregate).", l,
                        chip.get(Reading.ecc(memory, bit, Reading.EccKind.AGGREGATE)));
                put(f, "npu_ecc_isolated_pages", "Memory pages isolated after ECC errors.", l,
                        chip.get(Reading.ecc(memory, bit, Reading.EccKind.ISOLATED_PAGES)));
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

    private static void put(Families f, String name, String help, Labels l, Double v) {
        if (v != null) {
            f.gauge(name, help, l, v);
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
