package io.accelmon.npu.smi;

import io.accelmon.npu.model.Attribute;
import io.accelmon.npu.model.ChipSample;
import io.accelmon.npu.model.Health;
import io.accelmon.npu.model.Reading;

/** A table sample read back in npu-smi's own units (MB, percent), so assertions quote the capture's numbers. */
record TableRow(ChipSample s) {

    private static final double MIB = 1024.0 * 1024.0;

    String name() {
        return s.get(Attribute.NAME) == null ? "" : s.get(Attribute.NAME);
    }

    Health health() {
        return s.health();
    }

    Integer device() {
        return s.device();
    }

    Double powerWatts() {
        return s.get(Reading.POWER_WATTS);
    }

    Double temperatureCelsius() {
        return s.get(Reading.TEMPERATURE_CELSIUS);
    }

    Long hugepagesUsed() {
        return whole(s.get(Reading.HUGEPAGES_USED), 1);
    }

    Long hugepagesTotal() {
        return whole(s.get(Reading.HUGEPAGES_TOTAL), 1);
    }

    String busId() {
        return s.get(Attribute.PCIE_BUS_INFO) == null ? "" : s.get(Attribute.PCIE_BUS_INFO);
    }

    Double aicorePercent() {
        return percent(s.get(Reading.AICORE_RATIO));
    }

    Double npuUtilPercent() {
        return percent(s.get(Reading.NPU_UTIL_RATIO));
    }

    Long memoryUsedMb() {
        return whole(s.get(Reading.DDR_USED_BYTES), MIB);
    }

    Long memoryTotalMb() {
        return whole(s.get(Reading.DDR_TOTAL_BYTES), MIB);
    }

    Long hbmUsedMb() {
        return whole(s.get(Reading.HBM_USED_BYTES), MIB);
    }

    Long hbmTotalMb() {
        return whole(s.get(Reading.HBM_TOTAL_BYTES), MIB);
    }

    private static Long whole(Double v, double unit) {
        return v == null ? null : Math.round(v / unit);
    }

    private static Double percent(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 100 * 1e9) / 1e9;
    }
}
