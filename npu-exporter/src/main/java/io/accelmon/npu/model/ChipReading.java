package io.accelmon.npu.model;

/**
 * One chip's row pair from the {@code npu-smi info} table (or the same fields from DCMI). A {@code null} number means
 * the source did not print one ({@code NA}, {@code -}) — it is left out of the metrics, never reported as 0.
 *
 * @param npuId        the NPU (card) id, {@code -i} of npu-smi
 * @param chip         the chip index on that NPU
 * @param device       the second number of row 2: the logic device id (310P {@code Device}) or the A3 {@code Phy-ID}
 * @param aicorePercent AICore(%) of the table
 * @param npuUtilPercent NPU Util(%) (950 layout)
 */
public record ChipReading(int npuId, int chip, Integer device, String name, Health health, Double powerWatts,
                          Double temperatureCelsius, Long hugepagesUsed, Long hugepagesTotal, String busId,
                          Double aicorePercent, Double npuUtilPercent, Long memoryUsedMb, Long memoryTotalMb,
                          Long hbmUsedMb, Long hbmTotalMb) {

    public ChipKey key() {
        return new ChipKey(npuId, chip);
    }

    /** This chip with its health set to unknown and every measurement dropped (the source failed). */
    public ChipReading unknown() {
        return new ChipReading(npuId, chip, device, name, Health.UNKNOWN, null, null, null, null, busId, null, null,
                null, null, null, null);
    }
}
