package io.accelmon.gpu.model;

/** A place GPU readings come from (NVML, nvidia-smi). {@link #read()} may block or throw; callers bound it. */
public interface GpuSource extends AutoCloseable {

    /** The backend name, also the {@code collector} label: {@code nvml} or {@code nvidia-smi}. */
    String name();

    GpuSnapshot read() throws Exception;

    /** Xid counts from driver events, or {@code null} for a source without events (nvidia-smi). */
    default XidCounts xids() {
        return null;
    }

    @Override
    default void close() {
    }
}
