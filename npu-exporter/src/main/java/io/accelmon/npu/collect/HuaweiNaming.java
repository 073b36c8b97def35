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
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --metrics.naming=huawei}: the same snapshot as Huawei npu-exporter's {@code npu_chip_info_*} families, in its
 * units (MB, MHz, percent) and with its label set {@code id, model_name, vdie_id, pcie_bus_info, namespace, pod_name,
 * container_name}, so Ascend dashboards and HAMi-style queries work unchanged. {@code id} is the chip's logic id
 * ({@code npu-smi info -m}; else the 310P device column; else the NPU id). Pod labels name the one container a chip
 * (or vNPU) belongs to, found from the processes holding it. Health follows Huawei: 1 healthy, 0 unhealthy, -1 unknown.
 */
public final class HuaweiNaming implements Naming {

    /** Every chip reading this naming serves, in Huawei's units (MB, MHz, percent). */
    static final List<ReadingFamily> TABLE = List.of(
            ReadingFamily.of(Reading.TEMPERATURE_CELSIUS, "npu_chip_info_temperature", "the npu temperature"),
            ReadingFamily.of(Reading.POWER_WATTS, "npu_chip_info_power", "the npu power"),
            ReadingFamily.of(Reading.VOLTAGE_VOLTS, "npu_chip_info_voltage", "the npu voltage"),
            ReadingFamily.percent(Reading.AICORE_RATIO, "npu_chip_info_utilization", "the ai core utilization"),
            ReadingFamily.percent(Reading.NPU_UTIL_RATIO, "npu_chip_info_overall_utilization",
                    "the overall utilization of npu"),
            ReadingFamily.percent(Reading.VECTOR_RATIO, "npu_chip_info_vector_utilization",
                    "the vector ai core utilization"),
            ReadingFamily.percent(Reading.CUBE_RATIO, "npu_chip_info_cube_utilization", "the cube ai core utilization"),
            ReadingFamily.megahertz(Reading.AICORE_FREQUENCY_HERTZ, "npu_chip_info_aicore_current_freq",
                    "the npu ai core current frequency, unit is 'MHz'"),
            ReadingFamily.megabytes(Reading.HBM_USED_BYTES, "npu_chip_info_hbm_used_memory", "the npu hbm used memory"),
            ReadingFamily.megabytes(Reading.HBM_TOTAL_BYTES, "npu_chip_info_hbm_total_memory",
                    "the npu hbm total memory"),
            ReadingFamily.percent(Reading.HBM_USAGE_RATIO, "npu_chip_info_hbm_utilization", "the npu hbm utilization"),
            ReadingFamily.percent(Reading.HBM_BANDWIDTH_RATIO, "npu_chip_info_hbm_bandwidth_utilization",
                    "the npu hbm bandwidth utilization"),
            ReadingFamily.of(Reading.HBM_TEMPERATURE_CELSIUS, "npu_chip_info_hbm_temperature",
                    "the npu hbm temperature"),
            ReadingFamily.of(Reading.HBM_ECC_ENABLED, "npu_chip_info_hbm_ecc_enable_flag",
                    "whether HBM ecc detection is enabled"),
            ReadingFamily.of(Reading.NETWORK_HEALTHY, "npu_chip_info_network_status", "the npu network health status"),
            ReadingFamily.megabytes(Reading.DDR_USED_BYTES, "npu_chip_info_used_memory", "the npu ddr used memory"),
            ReadingFamily.megabytes(Reading.DDR_TOTAL_BYTES, "npu_chip_info_total_memory", "the npu ddr total memory"),
            ReadingFamily.of(Reading.HBM_SINGLE_ERRORS, "npu_chip_info_hbm_ecc_single_bit_error_cnt",
                    "the npu hbm single bit error count"),
            ReadingFamily.of(Reading.HBM_DOUBLE_ERRORS, "npu_chip_info_hbm_ecc_double_bit_error_cnt",
                    "the npu hbm double bit error count"),
            ReadingFamily.of(Reading.HBM_SINGLE_AGGREGATE_ERRORS, "npu_chip_info_hbm_ecc_total_single_bit_error_cnt",
                    "the npu hbm single bit aggregate total err cnt"),
            ReadingFamily.of(Reading.HBM_DOUBLE_AGGREGATE_ERRORS, "npu_chip_info_hbm_ecc_total_double_bit_error_cnt",
                    "the npu hbm double bit aggregate total err cnt"),
            ReadingFamily.of(Reading.HBM_SINGLE_ISOLATED_PAGES, "npu_chip_info_hbm_ecc_single_bit_isolated_pages_cnt",
                    "the npu hbm single bit isolated pages count"),
            ReadingFamily.of(Reading.HBM_DOUBLE_ISOLATED_PAGES, "npu_chip_info_hbm_ecc_double_bit_isolated_pages_cnt",
                    "the npu hbm double bit isolated pages count"));

    private final String exporterVersion;

    public HuaweiNaming(String exporterVersion) {
        this.exporterVersion = exporterVersion;
    }

    @Override
    public void render(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Map<ChipKey, ChipNetwork> network,
                       Families f) {
        f.gauge("npu_exporter_version_info", "exporter version with value '1'",
                Labels.of("exporterVersion", exporterVersion), 1);
        f.gauge("node_base_info", "node base info with value '1'",
                Labels.of("exporterVersion", exporterVersion, "driverVersion", AccelmonNaming.nz(s.driverVersion())), 1);
        int healthy = 0;
        int unhealthy = 0;
        int unknown = 0;
        Map<String, Labels> cardLabels = new HashMap<>();
        Map<ChipKey, Labels> byKey = new HashMap<>();
        Workloads workloads = new Workloads(s.processes(), owners);
        for (Chip chip : s.chips()) {
            Workloads.Workload owner = workloads.owner(chip.key());
            Labels l = cardLabel(s, chip, owner, "model_name", chip.modelName());
            cardLabels.put(chip.npuId() + "/" + chip.chip(), l);
            byKey.put(chip.key(), l);
            switch (chip.health()) {
                case OK -> healthy++;
                case UNKNOWN -> unknown++;
                default -> unhealthy++;
            }
            f.gauge("npu_chip_info_health_status", "the npu health status", l,
                    chip.health() == Health.UNKNOWN ? -1 : chip.health() == Health.OK ? 1 : 0);
            f.gauge("npu_chip_info_name", "the Ascend npu name with value '1'",
                    cardLabel(s, chip, owner, "name", chip.text(Attribute.NAME)), 1);
            if (!chip.text(Attribute.SERIAL_NUMBER).isEmpty()) {
                f.gauge("npu_chip_info_serial_number", "the npu serial number information",
                        l.merge(Labels.of("serial_number", chip.text(Attribute.SERIAL_NUMBER))), 1);
            }
            if (!chip.text(Attribute.PRODUCT_TYPE).isEmpty()) {
                f.gauge("npu_chip_info_product_type", "the npu product_type information",
                        l.merge(Labels.of("product_type", chip.text(Attribute.PRODUCT_TYPE))), 1);
            }
            if (s.backendUp()) {
                measurements(chip, l, f);
                if (owner != null) {
                    containers(chip, owner, l, f);
                }
            }
        }
        f.gauge("machine_npu_nums", "Amount of npu installed on the machine.", Labels.EMPTY, s.chips().size());
        f.gauge("machine_card_nums", "Amount of npu cards installed on the machine.", Labels.EMPTY,
                s.chips().stream().map(Chip::npuId).distinct().count());
        f.gauge("machine_healthy_npu_nums", "Amount of healthy npu.", Labels.EMPTY, healthy);
        f.gauge("machine_unhealthy_npu_nums", "Amount of unhealthy npu.", Labels.EMPTY, unhealthy);
        f.gauge("machine_unknown_npu_nums", "Amount of npu whose health is unknown.", Labels.EMPTY, unknown);
        Map<String, Integer> counts = new HashMap<>();
        for (NpuProcess p : s.processes()) {
            Labels l = cardLabels.get(p.npuId() + "/" + p.chipOrZero());
            if (l == null) {
                continue;
            }
            ProcessAttribution a = owners.getOrDefault(p.pid(), ProcessAttribution.unknown(p.pid()));
            f.gauge("npu_chip_info_process_info",
                    "the npu process info, unit is 'MB'. if process run on host, container_id and container_name will be empty",
                    l.merge(Labels.of("process_id", Long.toString(p.pid()), "container_id", a.container())),
                    p.memoryMb());
            counts.merge(p.npuId() + "/" + p.chipOrZero(), 1, Integer::sum);
        }
        if (s.backendUp()) {
            vnpus(s, owners, f);
            NetworkFamilies.renderHuawei(network, byKey::get, f);
            cardLabels.forEach((key, l) -> f.gauge("npu_chip_info_process_info_num", "the npu process num", l,
                    counts.getOrDefault(key, 0)));
        }
    }

    private static Labels cardLabel(NpuSnapshot s, Chip chip, Workloads.Workload owner, String nameLabel,
                                    String nameValue) {
        return Labels.of("id", Integer.toString(logicId(s, chip)), nameLabel, nameValue, "vdie_id", chip.vdieId(),
                "pcie_bus_info", chip.text(Attribute.PCIE_BUS_INFO),
                "namespace", owner == null ? "" : owner.namespace(), "pod_name", owner == null ? "" : owner.pod(),
                "container_name", owner == null ? "" : owner.containerName());
    }

    /** Huawei's container families for a chip that belongs to one container; memory is HBM, DDR where no HBM. */
    private static void containers(Chip chip, Workloads.Workload owner, Labels l, Families f) {
        Labels info = Labels.EMPTY;
        for (Label label : l) {
            info = info.add(label.getName().equals("id") ? "npuID" : label.getName(), label.getValue());
        }
        f.gauge("npu_container_info", "the container name and deviceID relationship",
                info.add("containerID", owner.containerId()).add("containerName", owner.huaweiName()), 1);
        boolean hbm = chip.get(Reading.HBM_TOTAL_BYTES) != null;
        Double total = chip.get(hbm ? Reading.HBM_TOTAL_BYTES : Reading.DDR_TOTAL_BYTES);
        Double used = chip.get(hbm ? Reading.HBM_USED_BYTES : Reading.DDR_USED_BYTES);
        if (total != null && used != null) {
            f.gauge("container_npu_total_memory", "npu total memory in container, unit is 'MB'", l,
                    Math.round(total / ReadingFamily.MIB));
            f.gauge("container_npu_used_memory", "the npu used memory in container, unit is 'MB'", l,
                    Math.round(used / ReadingFamily.MIB));
        }
        Double util = chip.get(Reading.AICORE_RATIO);
        if (util != null) {
            f.gauge("container_npu_utilization", "npu ai core utilization in container, unit is '%'", l,
                    Math.round(util * 100 * 1e9) / 1e9);
        }
    }

    /**
     * Huawei's {@code vnpu_pod_*} families (label set "Label 3": {@code id, model_name, v_dev_id, aicore_count,
     * namespace, pod_name, container_name, is_virtual}; utilisation in %, memory in KB), for each vNPU held by exactly
     * one container, as Huawei's exporter serves them; a vNPU no container holds has none.
     */
    private static void vnpus(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Families f) {
        Map<ChipKey, Chip> chips = new HashMap<>();
        s.chips().forEach(c -> chips.put(c.key(), c));
        for (VirtualNpu v : s.vnpus()) {
            Map<String, Workloads.Workload> holders = Workloads.containersOf(v.holders(), owners);
            Chip chip = chips.get(v.chip());
            if (holders.size() != 1 || chip == null) {
                continue;
            }
            Workloads.Workload w = holders.values().iterator().next();
            Labels l = Labels.of("id", Integer.toString(logicId(s, chip)), "model_name", chip.modelName(),
                    "v_dev_id", Integer.toString(v.id()), "aicore_count", String.format(Locale.ROOT, "%.2f", v.aicores()),
                    "namespace", w.namespace(), "pod_name", w.pod(), "container_name", w.containerName(),
                    "is_virtual", "true");
            if (v.aicoreRatio() != null) {
                f.gauge("vnpu_pod_aicore_utilization", "the vnpu aicore utilization rate, unit is '%'", l,
                        Math.round(v.aicoreRatio() * 100 * 1e9) / 1e9);
            }
            if (v.memoryTotalBytes() != null && v.memoryUsedBytes() != null) {
                f.gauge("vnpu_pod_total_memory", "the vnpu total memory on pod, unit is 'KB'", l,
                        Math.round(v.memoryTotalBytes() / 1024));
                f.gauge("vnpu_pod_used_memory", "the vnpu used memory on pod, unit is 'KB'", l,
                        Math.round(v.memoryUsedBytes() / 1024));
            }
        }
    }

    static int logicId(NpuSnapshot s, Chip chip) {
        Integer mapped = s.logicIds().get(chip.key());
        if (mapped != null) {
            return mapped;
        }
        boolean multiChip = s.chips().stream().filter(c -> c.npuId() == chip.npuId()).count() > 1;
        if (multiChip && chip.device() != null) {
            return chip.device();
        }
        return chip.npuId();
    }

    private static void measurements(Chip chip, Labels l, Families f) {
        for (ReadingFamily family : TABLE) {
            family.render(chip, l, f);
        }
        List<String> codes = chip.errorCodes();
        for (int i = 0; i < Math.min(10, codes.size()); i++) {
            String name = i == 0 ? "npu_chip_info_error_code" : "npu_chip_info_error_code_" + i;
            f.gauge(name, "the npu error code", l, Long.parseLong(codes.get(i), 16));
        }
    }
}
