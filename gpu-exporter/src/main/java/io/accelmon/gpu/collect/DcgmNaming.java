package io.accelmon.gpu.collect;

import io.accelmon.core.attribution.KubernetesPod;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.MigInstance;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.Reading;
import io.accelmon.gpu.model.XidCounts;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.EnumMap;
import java.util.Map;

/**
 * dcgm-exporter's names, labels and units ({@code DCGM_FI_DEV_*}; MiB, MHz, W, mJ, %) so NVIDIA's Grafana dashboard
 * works unchanged. Its counters keep their names without {@code _total}, so they are exposed untyped.
 */
final class DcgmNaming implements MetricNaming {

    private static final double MIB = 1024.0 * 1024.0;

    /** A dcgm-exporter field: its name, help (dcgm-exporter's text), scale from the base unit, counter or not. */
    record Field(String name, String help, double scale, boolean counter) {
    }

    static final Map<Reading, Field> FIELDS = new EnumMap<>(Reading.class);

    static {
        FIELDS.put(Reading.SM_CLOCK_HERTZ, new Field("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", 1e-6, false));
        FIELDS.put(Reading.MEMORY_CLOCK_HERTZ, new Field("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).",
                1e-6, false));
        FIELDS.put(Reading.MEMORY_TEMPERATURE_CELSIUS, new Field("DCGM_FI_DEV_MEMORY_TEMP",
                "Memory temperature (in C).", 1, false));
        FIELDS.put(Reading.TEMPERATURE_CELSIUS, new Field("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", 1, false));
        FIELDS.put(Reading.POWER_DRAW_WATTS, new Field("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", 1, false));
        FIELDS.put(Reading.POWER_LIMIT_WATTS, new Field("DCGM_FI_DEV_POWER_MGMT_LIMIT",
                "Power management limit (in W).", 1, false));
        FIELDS.put(Reading.ENERGY_JOULES, new Field("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
                "Total energy consumption since boot (in mJ).", 1000, true));
        FIELDS.put(Reading.PCIE_REPLAYS, new Field("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.",
                1, true));
        FIELDS.put(Reading.UTILIZATION, new Field("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", 1, false));
        FIELDS.put(Reading.MEMORY_UTILIZATION, new Field("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", 1,
                false));
        FIELDS.put(Reading.ENCODER_UTILIZATION, new Field("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization (in %).", 1,
                false));
        FIELDS.put(Reading.DECODER_UTILIZATION, new Field("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization (in %).", 1,
                false));
        FIELDS.put(Reading.MEMORY_FREE_BYTES, new Field("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).",
                1 / MIB, false));
        FIELDS.put(Reading.MEMORY_USED_BYTES, new Field("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).",
                1 / MIB, false));
        FIELDS.put(Reading.MEMORY_RESERVED_BYTES, new Field("DCGM_FI_DEV_FB_RESERVED",
                "Framebuffer memory reserved (in MiB).", 1 / MIB, false));
        FIELDS.put(Reading.MEMORY_TOTAL_BYTES, new Field("DCGM_FI_DEV_FB_TOTAL", "Framebuffer memory total (in MiB).",
                1 / MIB, false));
        FIELDS.put(Reading.REMAPPED_ROWS_UNCORRECTABLE, new Field("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS",
                "Number of remapped rows for uncorrectable errors", 1, true));
        FIELDS.put(Reading.REMAPPED_ROWS_CORRECTABLE, new Field("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS",
                "Number of remapped rows for correctable errors", 1, true));
        FIELDS.put(Reading.REMAPPED_ROWS_FAILURE, new Field("DCGM_FI_DEV_ROW_REMAP_FAILURE",
                "Whether remapping of rows has failed", 1, false));
        FIELDS.put(Reading.REMAPPED_ROWS_PENDING, new Field("DCGM_FI_DEV_ROW_REMAP_PENDING",
                "Whether remapping of rows is pending", 1, false));
        FIELDS.put(Reading.ECC_CORRECTED_ERRORS, new Field("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL",
                "Total number of single-bit persistent ECC errors.", 1, true));
        FIELDS.put(Reading.ECC_UNCORRECTED_ERRORS, new Field("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL",
                "Total number of double-bit persistent ECC errors.", 1, true));
        FIELDS.put(Reading.RETIRED_PAGES_SINGLE_BIT, new Field("DCGM_FI_DEV_RETIRED_SBE",
                "Total number of retired pages due to single-bit errors.", 1, true));
        FIELDS.put(Reading.RETIRED_PAGES_DOUBLE_BIT, new Field("DCGM_FI_DEV_RETIRED_DBE",
                "Total number of retired pages due to double-bit errors.", 1, true));
        FIELDS.put(Reading.RETIRED_PAGES_PENDING, new Field("DCGM_FI_DEV_RETIRED_PENDING",
                "Total number of pages pending retirement.", 1, true));
        FIELDS.put(Reading.FAN_SPEED_PERCENT, new Field("DCGM_FI_DEV_FAN_SPEED", "Fan speed (in %).", 1, false));
        FIELDS.put(Reading.PSTATE, new Field("DCGM_FI_DEV_PSTATE", "Performance state (P-State) 0-15.", 1, false));
        FIELDS.put(Reading.MIG_MODE, new Field("DCGM_FI_DEV_MIG_MODE", "MIG mode (1 enabled, 0 disabled).", 1, false));
        FIELDS.put(Reading.GRAPHICS_ACTIVE_RATIO, new Field("DCGM_FI_PROF_GR_ENGINE_ACTIVE",
                "Ratio of time the graphics engine is active.", 1, false));
        FIELDS.put(Reading.SM_ACTIVE_RATIO, new Field("DCGM_FI_PROF_SM_ACTIVE",
                "The ratio of cycles an SM has at least 1 warp assigned.", 1, false));
        FIELDS.put(Reading.SM_OCCUPANCY_RATIO, new Field("DCGM_FI_PROF_SM_OCCUPANCY",
                "The ratio of number of warps resident on an SM.", 1, false));
        FIELDS.put(Reading.TENSOR_ACTIVE_RATIO, new Field("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE",
                "Ratio of cycles the tensor (HMMA) pipe is active.", 1, false));
        FIELDS.put(Reading.DRAM_ACTIVE_RATIO, new Field("DCGM_FI_PROF_DRAM_ACTIVE",
                "Ratio of cycles the device memory interface is active sending or receiving data.", 1, false));
        FIELDS.put(Reading.FP64_ACTIVE_RATIO, new Field("DCGM_FI_PROF_PIPE_FP64_ACTIVE",
                "Ratio of cycles the fp64 pipes are active.", 1, false));
        FIELDS.put(Reading.FP32_ACTIVE_RATIO, new Field("DCGM_FI_PROF_PIPE_FP32_ACTIVE",
                "Ratio of cycles the fp32 pipes are active.", 1, false));
        FIELDS.put(Reading.FP16_ACTIVE_RATIO, new Field("DCGM_FI_PROF_PIPE_FP16_ACTIVE",
                "Ratio of cycles the fp16 pipes are active.", 1, false));
        FIELDS.put(Reading.PCIE_TX_BYTES_PER_SECOND, new Field("DCGM_FI_PROF_PCIE_TX_BYTES",
                "The rate of data transmitted over the PCIe bus - including both protocol headers and data payloads "
                        + "- in bytes per second.", 1, false));
        FIELDS.put(Reading.PCIE_RX_BYTES_PER_SECOND, new Field("DCGM_FI_PROF_PCIE_RX_BYTES",
                "The rate of data received over the PCIe bus - including both protocol headers and data payloads "
                        + "- in bytes per second.", 1, false));
        FIELDS.put(Reading.NVLINK_TX_BYTES_PER_SECOND, new Field("DCGM_FI_PROF_NVLINK_TX_BYTES",
                "The rate of data transmitted over NVLink, in bytes per second.", 1, false));
        FIELDS.put(Reading.NVLINK_RX_BYTES_PER_SECOND, new Field("DCGM_FI_PROF_NVLINK_RX_BYTES",
                "The rate of data received over NVLink, in bytes per second.", 1, false));
        FIELDS.put(Reading.NVLINK_CRC_FLIT_ERRORS, new Field("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL",
                "Total number of NVLink flow-control CRC errors.", 1, true));
        FIELDS.put(Reading.NVLINK_CRC_DATA_ERRORS, new Field("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL",
                "Total number of NVLink data CRC errors.", 1, true));
        FIELDS.put(Reading.NVLINK_REPLAY_ERRORS, new Field("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL",
                "Total number of NVLink retries.", 1, true));
        FIELDS.put(Reading.NVLINK_RECOVERY_ERRORS, new Field("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL",
                "Total number of NVLink recovery errors.", 1, true));
        // PCIe byte counters have no DCGM_FI_DEV_* equivalent (DCGM_FI_PROF_PCIE_*_BYTES are rates): not exposed.
    }

    private static final double MEGABYTE = 1e6;

    private final String hostname;
    private final String hostnameLabel;
    private final boolean kubernetes;

    /**
     * @param hostnameLabel {@code Hostname} (dcgm-exporter before 2026-05) or {@code hostname} (after), or empty
     * @param kubernetes {@code pod}, {@code namespace}, {@code container} on every device series (dcgm-exporter -k)
     */
    DcgmNaming(String hostname, String hostnameLabel, boolean kubernetes) {
        this.hostname = hostname;
        this.hostnameLabel = hostnameLabel;
        this.kubernetes = kubernetes;
    }

    Labels labels(GpuDevice d, String driverVersion) {
        Labels labels = Labels.of("gpu", Integer.toString(d.index()), "UUID", d.uuid(), "pci_bus_id", d.pciBusId(),
                "device", "nvidia" + d.index(), "modelName", d.name(), "DCGM_FI_DRIVER_VERSION", driverVersion);
        return hostnameLabel.isEmpty() ? labels : labels.add(hostnameLabel, hostname);
    }

    @Override
    public void devices(GpuSnapshot snapshot, XidCounts xids, Workloads workloads, Families out) {
        for (GpuDevice d : snapshot.devices()) {
            Labels labels = labels(d, snapshot.driverVersion());
            if (kubernetes) {
                // like dcgm-exporter: empty values on GPUs no single pod holds
                KubernetesPod pod = workloads.pod(d.index()).orElse(new KubernetesPod("", "", ""));
                labels = labels.merge(Labels.of("container", pod.container(), "namespace", pod.namespace(),
                        "pod", pod.pod()));
            }
            for (Map.Entry<Reading, Double> e : d.readings().entrySet()) {
                Field f = FIELDS.get(e.getKey());
                if (f == null) {
                    continue;
                }
                double value = e.getValue() * f.scale();
                if (f.counter()) {
                    out.untyped(f.name(), f.help(), labels, value);
                } else {
                    out.gauge(f.name(), f.help(), labels, value);
                }
            }
            Labels device = labels;
            d.clockEventReasons().ifPresent(mask -> out.gauge("DCGM_FI_DEV_CLOCKS_EVENT_REASONS",
                    "Current clock event reasons (bitmask of DCGM_CLOCKS_EVENT_REASON_*).", device, mask));
            if (d.reading(Reading.NVLINK_TX_BYTES_PER_SECOND).isPresent()
                    && d.reading(Reading.NVLINK_RX_BYTES_PER_SECOND).isPresent()) {
                // DCGM reports this field as a rate in MB/s (under a counter TYPE); from GPM, transmit + receive
                double total = d.reading(Reading.NVLINK_TX_BYTES_PER_SECOND).get()
                        + d.reading(Reading.NVLINK_RX_BYTES_PER_SECOND).get();
                out.untyped("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
                        "Total number of NVLink bandwidth counters for all lanes.", device, total / MEGABYTE);
            }
            for (MigInstance m : snapshot.migInstances()) {
                if (m.gpuIndex() != d.index()) {
                    continue;
                }
                // dcgm-exporter's MIG entities: the parent's labels plus GPU_I_PROFILE and GPU_I_ID
                Labels mig = device.merge(Labels.of("GPU_I_PROFILE", m.profile(), "GPU_I_ID",
                        Integer.toString(m.gpuInstanceId())));
                for (Map.Entry<Reading, Double> e : m.readings().entrySet()) {
                    Field f = FIELDS.get(e.getKey());
                    if (f != null && !f.counter()) {
                        out.gauge(f.name(), f.help(), mig, e.getValue() * f.scale());
                    }
                }
            }
            if (xids != null && !d.lost()) {
                long last = xids.of(d.index()).lastXid();
                out.gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.",
                        device.merge(Labels.of("err_code", Long.toString(last), "err_msg", XidMessages.of(last))),
                        last);
            }
        }
    }
}
