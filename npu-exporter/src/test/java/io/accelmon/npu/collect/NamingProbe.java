package io.accelmon.npu.collect;

import io.accelmon.core.attribution.ProcessAttribution;
import io.accelmon.npu.model.NpuSnapshot;
import java.io.IOException;
import java.util.Map;

/** Renders a naming to exposition text for tests outside this package. */
public final class NamingProbe {

    private NamingProbe() {
    }

    public static String text(Naming naming, NpuSnapshot s) throws IOException {
        return NamingTest.text(naming, s, Map.of());
    }

    /** The same with the processes' owners (container, pod) known. */
    public static String text(Naming naming, NpuSnapshot s, Map<Long, ProcessAttribution> owners) throws IOException {
        return NamingTest.text(naming, s, owners);
    }
}
