package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.model.NpuSnapshot;
import io.accelmon.npu.net.NetworkMonitor.ChipNetwork;
import java.util.Map;

/** Maps a snapshot (and the chips' network health) to metric families: accelmon's names or Huawei's. */
public interface Naming {

    void render(NpuSnapshot snapshot, Map<Long, ProcessAttribution> owners, Map<ChipKey, ChipNetwork> network,
                Families families);

    default void render(NpuSnapshot snapshot, Map<Long, ProcessAttribution> owners, Families families) {
        render(snapshot, owners, Map.of(), families);
    }
}
