package io.accelmon.gpu.collect;

import io.accelmon.gpu.model.ClockEventReason;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.MigInstance;
import io.accelmon.gpu.model.NvLink;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.EnumMap;
import java.util.Map;

/** accelmon's GPU names (docs/contracts.md): base units, {@code gpu}, {@code uuid}, {@code name} on every series. */
final class DefaultNaming implements MetricNaming {

    /** Where a reading goes: family, whether it is a counter, help, and an extra label that tells readings apart. */
    record Target(String family, boolean counter, String help, String labelName, String labelValue) {
        static Target gauge(String family, String help) {
            return new Target(family, false, help, null, null);
        }

        static Target counter(String family, String help) {
            return new Target(family, true, help, null, null);
        }

        static Target labelled(String family, String help, String labelName, String labelValue) {
            return new Target(family, false, help, labelName, labelValue);
        }

        static Target labelledCounter(String family, String help, String labelName, String labelValue) {
            return new Target(family, true, help, labelName, labelValue);
        }
    }

    static final Map<Reading, Target> TARGETS = new EnumMap<>(Reading.class);

    static {
        TARGETS.put(Reading.UTILIZATION, Target.gauge("gpu_utilization",
                "Percent of time over the past sample period during which a kernel was running on the GPU (0-100)."));
        TARGETS.put(Reading.MEMORY_UTILIZATION, Target.gauge("gpu_memory_utilization",
                "Percent of time over the past sample period during which device memory was read or written (0-100)."));
        TARGETS.put(Reading.MEMORY_USED_BYTES, Target.gauge("gpu_memory_used_bytes",
                "GPU memory allocated by processes, in bytes."));
        TARGETS.put(Reading.MEMORY_TOTAL_BYTES, Target.gauge("gpu_memory_total_bytes",
                "Total GPU memory, in bytes."));
        TARGETS.put(Reading.MEMORY_FREE_BYTES, Target.gauge("gpu_memory_free_bytes", "Free GPU memory, in bytes."));
        TARGETS.put(Reading.MEMORY_RESERVED_BYTES, Target.gauge("gpu_memory_reserved_bytes",
                "GPU memory reserved by the driver and firmware, in bytes."));
        TARGETS.put(Reading.TEMPERATURE_CELSIUS, Target.gauge("gpu_temperature_celsius",
                "GPU core temperature, in degrees Celsius."));
        TARGETS.put(Reading.MEMORY_TEMPERATURE_CELSIUS, Target.gauge("gpu_memory_temperature_celsius",
                "GPU memory (HBM) temperature, in degrees Celsius."));
        TARGETS.put(Reading.POWER_DRAW_WATTS, Target.gauge("gpu_power_draw_watts",
                "Power drawn by the GPU board, in watts."));
        TARGETS.put(Reading.POWER_LIMIT_WATTS, Target.gauge("gpu_power_limit_watts",
                "Power limit the driver enforces, in watts."));
        TARGETS.put(Reading.ENERGY_JOULES, Target.counter("gpu_energy_joules",
                "Energy consumed by the GPU since the driver was loaded, in joules."));
        TARGETS.put(Reading.SM_CLOCK_HERTZ, Target.gauge("gpu_sm_clock_hertz", "Current SM clock, in hertz."));
        TARGETS.put(Reading.MEMORY_CLOCK_HERTZ, Target.gauge("gpu_memory_clock_hertz",
                "Current memory clock, in hertz."));
        TARGETS.put(Reading.PSTATE, Target.gauge("gpu_pstate",
                "Performance state, 0 (maximum performance) to 15 (minimum)."));
        TARGETS.put(Reading.PCIE_TX_BYTES, Target.counter("gpu_pcie_transmit_bytes",
                "Bytes the GPU transmitted over PCIe (NVML counter; may wrap)."));
        TARGETS.put(Reading.PCIE_RX_BYTES, Target.counter("gpu_pcie_receive_bytes",
                "Bytes the GPU received over PCIe (NVML counter; may wrap)."));
        TARGETS.put(Reading.PCIE_REPLAYS, Target.counter("gpu_pcie_replays", "PCIe replay (retry) count."));
        TARGETS.put(Reading.ECC_CORRECTED_ERRORS, Target.counter("gpu_ecc_corrected_errors",
                "Corrected (single-bit) ECC errors over the GPU's lifetime (aggregate counter)."));
        TARGETS.put(Reading.ECC_UNCORRECTED_ERRORS, Target.counter("gpu_ecc_uncorrected_errors",
                "Uncorrected (double-bit) ECC errors over the GPU's lifetime (aggregate counter)."));
        String remapped = "Memory rows remapped after ECC errors (type: correctable, uncorrectable), or 1 while a "
                + "remap is pending / has failed (type: pending, failure).";
        TARGETS.put(Reading.REMAPPED_ROWS_CORRECTABLE, Target.labelled("gpu_remapped_rows", remapped, "type",
                "correctable"));
        TARGETS.put(Reading.REMAPPED_ROWS_UNCORRECTABLE, Target.labelled("gpu_remapped_rows", remapped, "type",
                "uncorrectable"));
        TARGETS.put(Reading.REMAPPED_ROWS_PENDING, Target.labelled("gpu_remapped_rows", remapped, "type", "pending"));
        TARGETS.put(Reading.REMAPPED_ROWS_FAILURE, Target.labelled("gpu_remapped_rows", remapped, "type", "failure"));
        String retired = "Retired memory pages by cause (single_bit_ecc, double_bit_ecc), or 1 while a retirement "
                + "is pending (cause: pending). Pre-Ampere GPUs; Ampere and later remap rows instead.";
        TARGETS.put(Reading.RETIRED_PAGES_SINGLE_BIT, Target.labelled("gpu_retired_pages", retired, "cause",
                "single_bit_ecc"));
        TARGETS.put(Reading.RETIRED_PAGES_DOUBLE_BIT, Target.labelled("gpu_retired_pages", retired, "cause",
                "double_bit_ecc"));
        TARGETS.put(Reading.RETIRED_PAGES_PENDING, Target.labelled("gpu_retired_pages", retired, "cause", "pending"));
        TARGETS.put(Reading.FAN_SPEED_PERCENT, Target.gauge("gpu_fan_speed_percent",
                "Fan speed as percent of its maximum (may exceed 100)."));
        TARGETS.put(Reading.ENCODER_UTILIZATION, Target.gauge("gpu_encoder_utilization",
                "Video encoder utilization, percent (0-100)."));
        TARGETS.put(Reading.DECODER_UTILIZATION, Target.gauge("gpu_decoder_utilization",
                "Video decoder utilization, percent (0-100)."));
        TARGETS.put(Reading.MIG_MODE, Target.gauge("gpu_mig_mode", "1 when MIG mode is enabled, else 0."));
        TARGETS.put(Reading.GRAPHICS_CLOCK_HERTZ, Target.gauge("gpu_graphics_clock_hertz",
                "Current graphics clock, in hertz."));
        TARGETS.put(Reading.VIDEO_CLOCK_HERTZ, Target.gauge("gpu_video_clock_hertz", "Current video clock, in hertz."));
        TARGETS.put(Reading.GRAPHICS_CLOCK_MAX_HERTZ, Target.gauge("gpu_graphics_clock_max_hertz",
                "Maximum graphics clock, in hertz."));
        TARGETS.put(Reading.MEMORY_CLOCK_MAX_HERTZ, Target.gauge("gpu_memory_clock_max_hertz",
                "Maximum memory clock, in hertz."));
        TARGETS.put(Reading.COMPUTE_MODE, Target.gauge("gpu_compute_mode",
                "Compute mode: 0 default, 1 exclusive thread, 2 prohibited, 3 exclusive process."));
        TARGETS.put(Reading.FABRIC_STATE, Target.gauge("gpu_fabric_state", "NVLink fabric registration: 0 not "
                + "supported, 1 not started, 2 in progress, 3 completed (GPUs joining an NVSwitch fabric)."));
        String gpm = " over the last GPM sampling interval (NVML GPM, Hopper and newer; 0-1).";
        TARGETS.put(Reading.GRAPHICS_ACTIVE_RATIO, Target.gauge("gpu_graphics_engine_active_ratio",
                "Fraction of time the graphics or compute engine was active" + gpm));
        TARGETS.put(Reading.SM_ACTIVE_RATIO, Target.gauge("gpu_sm_active_ratio",
                "Fraction of time at least one warp was resident on an SM, averaged over all SMs" + gpm));
        TARGETS.put(Reading.SM_OCCUPANCY_RATIO, Target.gauge("gpu_sm_occupancy_ratio",
                "Resident warps relative to the theoretical maximum, averaged over all SMs" + gpm));
        TARGETS.put(Reading.TENSOR_ACTIVE_RATIO, Target.gauge("gpu_tensor_active_ratio",
                "Fraction of cycles any tensor pipe was active" + gpm));
        TARGETS.put(Reading.DRAM_ACTIVE_RATIO, Target.gauge("gpu_dram_active_ratio",
                "Device memory bandwidth used relative to the theoretical maximum" + gpm));
        TARGETS.put(Reading.FP64_ACTIVE_RATIO, Target.gauge("gpu_fp64_active_ratio",
                "Fraction of cycles the FP64 (non-tensor) pipe was active" + gpm));
        TARGETS.put(Reading.FP32_ACTIVE_RATIO, Target.gauge("gpu_fp32_active_ratio",
                "Fraction of cycles the FP32 (non-tensor) pipe was active" + gpm));
        TARGETS.put(Reading.FP16_ACTIVE_RATIO, Target.gauge("gpu_fp16_active_ratio",
                "Fraction of cycles the FP16 (non-tensor) pipe was active" + gpm));
        String rate = " over the last GPM sampling interval, in bytes per second (NVML GPM, Hopper and newer).";
        TARGETS.put(Reading.PCIE_TX_BYTES_PER_SECOND, Target.gauge("gpu_pcie_transmit_bytes_per_second",
                "PCIe bytes sent by the GPU" + rate));
        TARGETS.put(Reading.PCIE_RX_BYTES_PER_SECOND, Target.gauge("gpu_pcie_receive_bytes_per_second",
                "PCIe bytes received by the GPU" + rate));
        TARGETS.put(Reading.NVLINK_TX_BYTES_PER_SECOND, Target.gauge("gpu_nvlink_transmit_bytes_per_second",
                "NVLink bytes sent over all links" + rate));
        TARGETS.put(Reading.NVLINK_RX_BYTES_PER_SECOND, Target.gauge("gpu_nvlink_receive_bytes_per_second",
                "NVLink bytes received over all links" + rate));
        String nvlinkErrors = "NVLink errors summed over all links, by type (crc_flit, crc_data, replay, recovery).";
        TARGETS.put(Reading.NVLINK_CRC_FLIT_ERRORS, Target.labelledCounter("gpu_nvlink_errors", nvlinkErrors, "type",
                "crc_flit"));
        TARGETS.put(Reading.NVLINK_CRC_DATA_ERRORS, Target.labelledCounter("gpu_nvlink_errors", nvlinkErrors, "type",
                "crc_data"));
        TARGETS.put(Reading.NVLINK_REPLAY_ERRORS, Target.labelledCounter("gpu_nvlink_errors", nvlinkErrors, "type",
                "replay"));
        TARGETS.put(Reading.NVLINK_RECOVERY_ERRORS, Target.labelledCounter("gpu_nvlink_errors", nvlinkErrors, "type",
                "recovery"));
    }

    /** A MIG instance: an info series, and its readings as {@code gpu_mig_*} next to the GPU's own families. */
    private static void mig(Labels device, MigInstance m, Families out) {
        out.info("gpu_mig", "A MIG instance of a GPU in MIG mode: GPU and compute instance ids, profile, MIG uuid; "
                + "value 1.", device.merge(Labels.of("gpu_instance_id", Integer.toString(m.gpuInstanceId()),
                "compute_instance_id", Integer.toString(m.computeInstanceId()), "profile", m.profile(),
                "mig_uuid", m.uuid())));
        Labels l = device.merge(Labels.of("gpu_instance_id", Integer.toString(m.gpuInstanceId()),
                "profile", m.profile()));
        for (Map.Entry<Reading, Double> e : m.readings().entrySet()) {
            Target t = TARGETS.get(e.getKey());
            if (t != null && !t.counter() && t.labelName() == null) {
                out.gauge("gpu_mig_" + t.family().substring("gpu_".length()), "Per MIG instance: " + t.help(), l,
                        e.getValue());
            }
        }
    }

    static Labels device(GpuDevice d) {
        return Labels.of("gpu", Integer.toString(d.index()), "uuid", d.uuid(), "name", d.name());
    }

    @Override
    public void devices(GpuSnapshot snapshot, XidCounts xids, Workloads workloads, Families out) {
        for (GpuDevice d : snapshot.devices()) {
            Labels labels = device(d);
            out.info("gpu", "GPU identity; value 1.", labels.merge(Labels.of("driver_version",
                    snapshot.driverVersion(), "pci_bus_id", d.pciBusId())));
            out.gauge("gpu_lost", "1 while the GPU is lost (fallen off the bus or inaccessible), else 0.", labels,
                    d.lost() ? 1 : 0);
            for (Map.Entry<Reading, Double> e : d.readings().entrySet()) {
                Target t = TARGETS.get(e.getKey());
                Labels l = t.labelName() == null ? labels : labels.add(t.labelName(), t.labelValue());
                if (t.counter()) {
                    out.counter(t.family(), t.help(), null, l, e.getValue());
                } else {
                    out.gauge(t.family(), t.help(), l, e.getValue());
                }
            }
            d.clockEventReasons().ifPresent(mask -> {
                for (ClockEventReason reason : ClockEventReason.all()) {
                    out.gauge("gpu_clock_event_active", "1 while this clock event (throttle) reason holds clocks "
                            + "down, else 0.", labels.add("reason", reason.label()), reason.activeIn(mask) ? 1 : 0);
                }
            });
            for (NvLink link : d.nvlinks()) {
                Labels l = labels.add("link", Integer.toString(link.link()));
                out.gauge("gpu_nvlink_up", "1 while the NVLink is active, else 0.", l, link.up() ? 1 : 0);
                link.transmitBytes().ifPresent(v -> out.counter("gpu_nvlink_transmit_bytes",
                        "Data bytes sent over the NVLink (NVML counter).", null, l, v));
                link.receiveBytes().ifPresent(v -> out.counter("gpu_nvlink_receive_bytes",
                        "Data bytes received over the NVLink (NVML counter).", null, l, v));
            }
            for (MigInstance m : snapshot.migInstances()) {
                if (m.gpuIndex() == d.index()) {
                    mig(labels, m, out);
                }
            }
            if (xids == null) {
                continue; // nvidia-smi has no Xid events
            }
            out.declareCounter("gpu_xid_errors", "Xid errors reported by the driver since the exporter started, "
                    + "per Xid code (NVML events).");
            xids.of(d.index()).countByXid().forEach((xid, n) -> out.counter("gpu_xid_errors", "", null,
                    labels.add("xid", Long.toString(xid)), n));
        }
    }
}
