package io.accelmon.gpu.nvml;

import com.sun.jna.Structure;

/**
 * nvml.h's structures the exporter reads in arrays, as typed JNA structures (JNA's default alignment reproduces the
 * C layout on Linux x86_64 and aarch64, padding after a leading 4-byte field included).
 */
final class NvmlStructs {

    private NvmlStructs() {
    }

    /** {@code nvmlFieldValue_t} (40 bytes); {@code value} is the raw 8 bytes of the union, read by {@code valueType}. */
    @Structure.FieldOrder({"fieldId", "scopeId", "timestamp", "latencyUsec", "valueType", "nvmlReturn", "value"})
    public static final class FieldValue extends Structure {
        public int fieldId;
        public int scopeId;
        public long timestamp;
        public long latencyUsec;
        public int valueType;
        public int nvmlReturn;
        public long value;

        /** The value as a number, by its {@code nvmlValueType_t}. */
        double number() {
            return switch (valueType) {
                case 0 -> Double.longBitsToDouble(value);
                case 1 -> Integer.toUnsignedLong((int) value);
                case 4 -> value;
                case 5 -> (int) value;
                case 6 -> value & 0xffff;
                default -> value >= 0 ? value : Double.parseDouble(Long.toUnsignedString(value)); // 2, 3: unsigned
            };
        }
    }

    /** {@code nvmlProcessInfo_t} (v2/v3, 24 bytes). */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    public static final class ProcessInfo extends Structure {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;
    }

    /** {@code nvmlProcessUtilizationSample_t} (32 bytes). */
    @Structure.FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
    public static final class ProcessUtilizationSample extends Structure {
        public int pid;
        public long timeStamp;
        public int smUtil;
        public int memUtil;
        public int encUtil;
        public int decUtil;
    }

    /** A contiguous array of {@code n} structures, for calls that fill a C array. */
    @SuppressWarnings("unchecked")
    static <T extends Structure> T[] array(T first, int n) {
        return (T[]) first.toArray(Math.max(1, n));
    }
}
