package io.accelmon.npu.model;

/** Identifies a chip: NPU id plus chip index, as npu-smi's {@code -i} and {@code -c}. */
public record ChipKey(int npuId, int chip) implements Comparable<ChipKey> {

    @Override
    public int compareTo(ChipKey o) {
        return npuId != o.npuId ? Integer.compare(npuId, o.npuId) : Integer.compare(chip, o.chip);
    }
}
