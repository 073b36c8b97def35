package io.accelmon.gpu.collect;

import io.accelmon.gpu.model.GpuDevice;
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
        // PCIe byte counters have no DCGM_FI_DEV_* equivalent (DCGM_FI_PROF_PCIE_*_BYTES are rates): not exposed.
    }

    private final String hostname;
    private final String hostnameLabel;

    /** @param hostnameLabel {@code Hostname} (dcgm-exporter before 2026-05) or {@code hostname} (after), or empty */
    DcgmNaming(String hostname, String hostnameLabel) {
        this.hostname = hostname;
        this.hostnameLabel = hostnameLabel;
    }

    Labels labels(GpuDevice d, String driverVersion) {
        Labels labels = Labels.of("gpu", Integer.toString(d.index()), "UUID", d.uuid(), "pci_bus_id", d.pciBusId(),
                "device", "nvidia" + d.index(), "modelName", d.name(), "DCGM_FI_DRIVER_VERSION", driverVersion);
        return hostnameLabel.isEmpty() ? labels : labels.add(hostnameLabel, hostname);
    }

    @Override
    public void devices(GpuSnapshot snapshot, XidCounts xids, Families out) {
        for (GpuDevice d : snapshot.devices()) {
            Labels labels = labels(d, snapshot.driverVersion());
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
            d.clockEventReasons().ifPresent(mask -> out.gauge("DCGM_FI_DEV_CLOCKS_EVENT_REASONS",
                    "Current clock event reasons (bitmask of DCGM_CLOCKS_EVENT_REASON_*).", labels, mask));
            if (xids != null && !d.lost()) {
                out.gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.", labels,
                        xids.of(d.index()).lastXid());
            }
        }
    }
}
