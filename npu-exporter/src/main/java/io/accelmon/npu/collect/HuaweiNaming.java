package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.ChipDetails;
import io.accelmon.npu.model.ChipReading;
import io.accelmon.npu.model.ChipState;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.NpuProcess;
import io.accelmon.npu.model.NpuSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code --metrics.naming=huawei}: the same snapshot as Huawei npu-exporter's {@code npu_chip_info_*} families, in its
 * units (MB, MHz, percent) and with its label set {@code id, model_name, vdie_id, pcie_bus_info, namespace, pod_name,
 * container_name}, so Ascend dashboards and HAMi-style queries work unchanged. {@code id} is the chip's logic id
 * ({@code npu-smi info -m}; else the 310P device column; else the NPU id). Pod labels are empty: this exporter does not
 * ask container runtimes. Health follows Huawei: 1 healthy, 0 unhealthy, -1 unknown.
 */
public final class HuaweiNaming implements Naming {

    private final String exporterVersion;

    public HuaweiNaming(String exporterVersion) {
        this.exporterVersion = exporterVersion;
    }

    @Override
    public void render(NpuSnapshot s, Map<Long, ProcessAttribution> owners, Families f) {
        f.gauge("npu_exporter_version_info", "exporter version with value '1'",
                Labels.of("exporterVersion", exporterVersion), 1);
        f.gauge("node_base_info", "node base info with value '1'",
                Labels.of("exporterVersion", exporterVersion, "driverVersion", AccelmonNaming.nz(s.driverVersion())), 1);
        int healthy = 0;
        int unhealthy = 0;
        int unknown = 0;
        Map<String, Labels> cardLabels = new HashMap<>();
        for (ChipState chip : s.chips()) {
            ChipReading r = chip.reading();
            Labels l = cardLabel(s, chip, "model_name", chip.modelName());
            cardLabels.put(r.npuId() + "/" + r.chip(), l);
            switch (r.health()) {
                case OK -> healthy++;
                case UNKNOWN -> unknown++;
                default -> unhealthy++;
            }
            f.gauge("npu_chip_info_health_status", "the npu health status", l,
                    r.health() == Health.UNKNOWN ? -1 : r.health() == Health.OK ? 1 : 0);
            f.gauge("npu_chip_info_name", "the Ascend npu name with value '1'",
                    cardLabel(s, chip, "name", AccelmonNaming.nz(r.name())), 1);
            if (s.backendUp()) {
                measurements(chip, l, f);
            }
        }
        f.gauge("machine_npu_nums", "Amount of npu installed on the machine.", Labels.EMPTY, s.chips().size());
        f.gauge("machine_card_nums", "Amount of npu cards installed on the machine.", Labels.EMPTY,
                s.chips().stream().map(c -> c.reading().npuId()).distinct().count());
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
            cardLabels.forEach((key, l) -> f.gauge("npu_chip_info_process_info_num", "the npu process num", l,
                    counts.getOrDefault(key, 0)));
        }
    }

    private static Labels cardLabel(NpuSnapshot s, ChipState chip, String nameLabel, String nameValue) {
        return Labels.of("id", Integer.toString(logicId(s, chip)), nameLabel, nameValue, "vdie_id", chip.vdieId(),
                "pcie_bus_info", chip.pcieBusInfo(), "namespace", "", "pod_name", "", "container_name", "");
    }

    static int logicId(NpuSnapshot s, ChipState chip) {
        Integer mapped = s.logicIds().get(chip.key());
        if (mapped != null) {
            return mapped;
        }
        ChipReading r = chip.reading();
        boolean multiChip = s.chips().stream().filter(c -> c.reading().npuId() == r.npuId()).count() > 1;
        if (multiChip && r.device() != null) {
            return r.device();
        }
        return r.npuId();
    }

    private static void measurements(ChipState chip, Labels l, Families f) {
        ChipReading r = chip.reading();
        ChipDetails d = chip.details();
        value(f, "npu_chip_info_temperature", "the npu temperature", l, r.temperatureCelsius(),
                d.number("common", "Temperature(C)"));
        value(f, "npu_chip_info_power", "the npu power", l, r.powerWatts(), d.number("common", "NPU Real-time Power(W)"));
        value(f, "npu_chip_info_utilization", "the ai core utilization", l, r.aicorePercent(),
                d.number("usages", "Aicore Usage Rate(%)"));
        value(f, "npu_chip_info_overall_utilization", "the overall utilization of npu", l, r.npuUtilPercent(),
                d.number("usages", "NPU Utilization(%)"));
        value(f, "npu_chip_info_vector_utilization", "the vector ai core utilization", l, null,
                d.number("usages", "Aivector Usage Rate(%)"));
        value(f, "npu_chip_info_cube_utilization", "the cube ai core utilization", l, null,
                d.number("usages", "Aicube Usage Rate(%)"));
        value(f, "npu_chip_info_aicore_current_freq", "the npu ai core current frequency, unit is 'MHz'", l, null,
                d.number("common", "Aicore curFreq(MHZ)"));
        if (r.hbmTotalMb() != null && r.hbmTotalMb() > 0) {
            f.gauge("npu_chip_info_hbm_used_memory", "the npu hbm used memory", l, r.hbmUsedMb());
            f.gauge("npu_chip_info_hbm_total_memory", "the npu hbm total memory", l, r.hbmTotalMb());
        }
        value(f, "npu_chip_info_hbm_utilization", "the npu hbm utilization", l, null,
                d.number("usages", "HBM Usage Rate(%)"));
        value(f, "npu_chip_info_hbm_bandwidth_utilization", "the npu hbm bandwidth utilization", l, null,
                d.number("usages", "HBM Bandwidth Usage Rate(%)"));
        value(f, "npu_chip_info_hbm_temperature", "the npu hbm temperature", l, null,
                d.number("memory", "HBM Temperature(C)"));
        if (r.memoryTotalMb() != null && r.memoryTotalMb() > 0) {
            f.gauge("npu_chip_info_used_memory", "the npu ddr used memory", l, r.memoryUsedMb());
            f.gauge("npu_chip_info_total_memory", "the npu ddr total memory", l, r.memoryTotalMb());
        }
        String[][] ecc = {
            {"npu_chip_info_hbm_ecc_single_bit_error_cnt", "HBM Single Bit Error Count"},
            {"npu_chip_info_hbm_ecc_double_bit_error_cnt", "HBM Double Bit Error Count"},
            {"npu_chip_info_hbm_ecc_total_single_bit_error_cnt", "HBM Single Bit Aggregate Total Err Cnt"},
            {"npu_chip_info_hbm_ecc_total_double_bit_error_cnt", "HBM Double Bit Aggregate Total Err Cnt"},
            {"npu_chip_info_hbm_ecc_single_bit_isolated_pages_cnt", "HBM Single Bit Isolated Pages Count"},
            {"npu_chip_info_hbm_ecc_double_bit_isolated_pages_cnt", "HBM Double Bit Isolated Pages Count"},
        };
        for (String[] e : ecc) {
            d.number("ecc", e[1]).ifPresent(v -> f.gauge(e[0], "the npu " + e[1].toLowerCase(), l, v));
        }
        List<String> codes = d.errorCodes();
        for (int i = 0; i < Math.min(10, codes.size()); i++) {
            String name = i == 0 ? "npu_chip_info_error_code" : "npu_chip_info_error_code_" + i;
            f.gauge(name, "the npu error code", l, Long.parseLong(codes.get(i), 16));
        }
    }

    private static void value(Families f, String name, String help, Labels l, Double table, OptionalDouble report) {
        if (table != null) {
            f.gauge(name, help, l, table);
        } else if (report.isPresent()) {
            f.gauge(name, help, l, report.getAsDouble());
        }
    }
}
