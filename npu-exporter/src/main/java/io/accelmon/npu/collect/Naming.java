package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.NpuSnapshot;
import java.util.Map;

/** Maps a snapshot to metric families: accelmon's names or Huawei's. */
public interface Naming {

    void render(NpuSnapshot snapshot, Map<Long, ProcessAttribution> owners, Families families);
}
