package io.accelmon.gpu.collect;

import io.accelmon.gpu.model.ClockEventReason;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.MigInstance;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nvidia_gpu_exporter's names ({@code nvidia_smi_<query field>_<unit>}), scales (ratios 0-1, bytes, hertz, watts)
 * and its single {@code uuid} label (lower case, without {@code GPU-}), so its community Grafana dashboard works
 * unchanged. Every per-GPU family is a gauge, as there, except the Xid and energy counters of its NVML backend.
 */
final class NvidiaSmiNaming implements MetricNaming {

    /** A family, its help (nvidia-smi's header, as nvidia_gpu_exporter writes it) and the factor from base units. */
    record Field(String name, String help, double scale) {
    }

    static final Map<Reading, Field> FIELDS = new EnumMap<>(Reading.class);

    static {
        put(Reading.UTILIZATION, "nvidia_smi_utilization_gpu_ratio", "utilization.gpu [%]", 0.01);
        put(Reading.MEMORY_UTILIZATION, "nvidia_smi_utilization_memory_ratio", "utilization.memory [%]", 0.01);
        put(Reading.ENCODER_UTILIZATION, "nvidia_smi_utilization_encoder_ratio", "utilization.encoder [%]", 0.01);
        put(Reading.DECODER_UTILIZATION, "nvidia_smi_utilization_decoder_ratio", "utilization.decoder [%]", 0.01);
        put(Reading.MEMORY_TOTAL_BYTES, "nvidia_smi_memory_total_bytes", "memory.total [MiB]", 1);
        put(Reading.MEMORY_USED_BYTES, "nvidia_smi_memory_used_bytes", "memory.used [MiB]", 1);
        put(Reading.MEMORY_FREE_BYTES, "nvidia_smi_memory_free_bytes", "memory.free [MiB]", 1);
        put(Reading.MEMORY_RESERVED_BYTES, "nvidia_smi_memory_reserved_bytes", "memory.reserved [MiB]", 1);
        put(Reading.TEMPERATURE_CELSIUS, "nvidia_smi_temperature_gpu", "temperature.gpu", 1);
        put(Reading.MEMORY_TEMPERATURE_CELSIUS, "nvidia_smi_temperature_memory", "temperature.memory", 1);
        put(Reading.POWER_DRAW_WATTS, "nvidia_smi_power_draw_watts", "power.draw [W]", 1);
        put(Reading.POWER_LIMIT_WATTS, "nvidia_smi_enforced_power_limit_watts", "enforced.power.limit [W]", 1);
        put(Reading.SM_CLOCK_HERTZ, "nvidia_smi_clocks_current_sm_clock_hz", "clocks.current.sm [MHz]", 1);
        put(Reading.MEMORY_CLOCK_HERTZ, "nvidia_smi_clocks_current_memory_clock_hz", "clocks.current.memory [MHz]",
                1);
        put(Reading.GRAPHICS_CLOCK_HERTZ, "nvidia_smi_clocks_current_graphics_clock_hz",
                "clocks.current.graphics [MHz]", 1);
        put(Reading.VIDEO_CLOCK_HERTZ, "nvidia_smi_clocks_current_video_clock_hz", "clocks.current.video [MHz]", 1);
        put(Reading.GRAPHICS_CLOCK_MAX_HERTZ, "nvidia_smi_clocks_max_graphics_clock_hz", "clocks.max.graphics [MHz]",
                1);
        put(Reading.MEMORY_CLOCK_MAX_HERTZ, "nvidia_smi_clocks_max_memory_clock_hz", "clocks.max.memory [MHz]", 1);
        put(Reading.PSTATE, "nvidia_smi_pstate", "pstate", 1);
        put(Reading.FAN_SPEED_PERCENT, "nvidia_smi_fan_speed_ratio", "fan.speed [%]", 0.01);
        put(Reading.FABRIC_STATE, "nvidia_smi_fabric_state", "fabric.state", 1);
        put(Reading.COMPUTE_MODE, "nvidia_smi_compute_mode", "compute_mode", 1);
        put(Reading.ECC_CORRECTED_ERRORS, "nvidia_smi_ecc_errors_corrected_aggregate_total",
                "ecc.errors.corrected.aggregate.total", 1);
        put(Reading.ECC_UNCORRECTED_ERRORS, "nvidia_smi_ecc_errors_uncorrected_aggregate_total",
                "ecc.errors.uncorrected.aggregate.total", 1);
        put(Reading.REMAPPED_ROWS_CORRECTABLE, "nvidia_smi_remapped_rows_correctable", "remapped_rows.correctable", 1);
        put(Reading.REMAPPED_ROWS_UNCORRECTABLE, "nvidia_smi_remapped_rows_uncorrectable",
                "remapped_rows.uncorrectable", 1);
        put(Reading.REMAPPED_ROWS_PENDING, "nvidia_smi_remapped_rows_pending", "remapped_rows.pending", 1);
        put(Reading.REMAPPED_ROWS_FAILURE, "nvidia_smi_remapped_rows_failure", "remapped_rows.failure", 1);
        put(Reading.RETIRED_PAGES_SINGLE_BIT, "nvidia_smi_retired_pages_single_bit_ecc_count",
                "retired_pages.single_bit_ecc.count", 1);
        put(Reading.RETIRED_PAGES_DOUBLE_BIT, "nvidia_smi_retired_pages_double_bit_count",
                "retired_pages.double_bit.count", 1);
        put(Reading.RETIRED_PAGES_PENDING, "nvidia_smi_retired_pages_pending", "retired_pages.pending", 1);
        put(Reading.MIG_MODE, "nvidia_smi_mig_mode_current", "mig.mode.current", 1);
        put(Reading.PCIE_TX_BYTES_PER_SECOND, "nvidia_smi_pcie_throughput_tx_bytes_per_second",
                "PCIe transmit throughput (NVML)", 1);
        put(Reading.PCIE_RX_BYTES_PER_SECOND, "nvidia_smi_pcie_throughput_rx_bytes_per_second",
                "PCIe receive throughput (NVML)", 1);
    }

    private static void put(Reading reading, String name, String help, double scale) {
        FIELDS.put(reading, new Field(name, help, scale));
    }

    /** nvidia_gpu_exporter's uuid label: lower case, without the {@code GPU-} prefix. */
    static String uuid(String uuid) {
        String u = uuid.toLowerCase(Locale.ROOT);
        return u.startsWith("gpu-") ? u.substring(4) : u;
    }

    @Override
    public void devices(GpuSnapshot snapshot, XidCounts xids, Workloads workloads, Families out) {
        for (GpuDevice d : snapshot.devices()) {
            Labels labels = Labels.of("uuid", uuid(d.uuid()));
            out.info("nvidia_smi_gpu", "A metric with a constant '1' value labeled by gpu uuid, name, "
                    + "driver_version, pci_bus_id and index.", labels.merge(Labels.of("name", d.name(),
                    "driver_version", snapshot.driverVersion(), "pci_bus_id", d.pciBusId(),
                    "index", Integer.toString(d.index()))));
            out.gauge("nvidia_smi_index", "index", labels, d.index());
            for (Map.Entry<Reading, Double> e : d.readings().entrySet()) {
                Field f = FIELDS.get(e.getKey());
                if (f != null) {
                    out.gauge(f.name(), f.help(), labels, e.getValue() * f.scale());
                }
            }
            d.reading(Reading.ENERGY_JOULES).ifPresent(j -> out.counter("nvidia_smi_energy_joules",
                    "Total energy consumed by the GPU since the driver was loaded, in joules.", null, labels, j));
            d.clockEventReasons().ifPresent(mask -> {
                for (ClockEventReason reason : ClockEventReason.all()) {
                    out.gauge("nvidia_smi_clocks_event_reasons_" + reason.label(),
                            "clocks_event_reasons." + reason.label(), labels, reason.activeIn(mask) ? 1 : 0);
                }
            });
            if (xids != null && !d.lost()) {
                XidCounts.GpuXids seen = xids.of(d.index());
                out.declareCounter("nvidia_smi_xid_errors", "Xid errors seen since the exporter started, by code.");
                seen.countByXid().forEach((xid, n) -> out.counter("nvidia_smi_xid_errors", "", null,
                        labels.add("xid", Long.toString(xid)), n));
                seen.lastSeenByXid().forEach((xid, t) -> out.gauge("nvidia_smi_xid_last_timestamp_seconds",
                        "When each Xid code was last seen, in Unix seconds.", labels.add("xid", Long.toString(xid)), t));
            }
        }
        for (MigInstance m : snapshot.migInstances()) {
            GpuDevice parent = snapshot.devices().stream().filter(d -> d.index() == m.gpuIndex()).findFirst()
                    .orElse(null);
            if (parent == null) {
                continue;
            }
            String gi = Integer.toString(m.gpuInstanceId());
            out.info("nvidia_smi_mig", "A MIG instance: parent uuid, MIG uuid, GPU and compute instance ids, "
                    + "profile.", Labels.of("uuid", uuid(parent.uuid()), "mig_uuid", m.uuid(), "gpu_instance_id", gi,
                    "compute_instance_id", Integer.toString(m.computeInstanceId()), "profile", m.profile()));
            Labels l = Labels.of("uuid", uuid(parent.uuid()), "gpu_instance_id", gi);
            MIG_FIELDS.forEach((reading, name) -> m.reading(reading).ifPresent(v -> out.gauge(name,
                    "Per MIG instance (NVML).", l, v)));
        }
        computeApps(snapshot, workloads, out);
    }

    private static final Map<Reading, String> MIG_FIELDS = new EnumMap<>(Map.of(
            Reading.MEMORY_TOTAL_BYTES, "nvidia_smi_mig_memory_total_bytes",
            Reading.MEMORY_USED_BYTES, "nvidia_smi_mig_memory_used_bytes",
            Reading.MEMORY_FREE_BYTES, "nvidia_smi_mig_memory_free_bytes",
            Reading.GRAPHICS_ACTIVE_RATIO, "nvidia_smi_mig_graphics_activity_ratio",
            Reading.SM_ACTIVE_RATIO, "nvidia_smi_mig_sm_activity_ratio",
            Reading.SM_OCCUPANCY_RATIO, "nvidia_smi_mig_sm_occupancy_ratio",
            Reading.TENSOR_ACTIVE_RATIO, "nvidia_smi_mig_tensor_activity_ratio"));

    private static void computeApps(GpuSnapshot snapshot, Workloads workloads, Families out) {
        Map<List<String>, Double> used = new LinkedHashMap<>();
        java.util.Set<List<String>> apps = new java.util.LinkedHashSet<>();
        for (GpuProcess p : snapshot.processes()) {
            String command = workloads.who(p.pid()).command();
            List<String> key = List.of(uuid(p.gpuUuid()), Long.toString(p.pid()), command);
            apps.add(key);
            p.usedMemoryBytes().ifPresent(bytes -> used.merge(key, (double) bytes, Double::sum));
        }
        apps.forEach(k -> out.info("nvidia_smi_compute_app", "A compute process on a GPU (nvidia-smi "
                + "--query-compute-apps); value 1.", Labels.of("uuid", k.get(0), "pid", k.get(1), "process_name",
                k.get(2))));
        used.forEach((k, bytes) -> out.gauge("nvidia_smi_compute_app_used_memory_bytes",
                "used_memory [MiB] of a compute process.", Labels.of("uuid", k.get(0), "pid", k.get(1),
                "process_name", k.get(2)), bytes));
        out.gauge("nvidia_smi_compute_apps_last_collect_success",
                "Whether the last collection of compute processes succeeded (1) or not (0).", Labels.EMPTY, 1);
    }
}
