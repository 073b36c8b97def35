package io.accelmon.provisioning.e2e;

import io.accelmon.provisioning.check.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The built programs the end-to-end tests start (the reactor builds them before provisioning). */
public final class Jars {

    private Jars() {
    }

    public static Path nodeCollector() {
        return require("node-collector/target/node-collector.jar");
    }

    public static Path gpuExporter() {
        return require("gpu-exporter/target/gpu-exporter.jar");
    }

    public static Path demoApi() {
        return require("examples/demo-api/target/demo-api.jar");
    }

    /** The fake libnvidia-ml.so the gpu-exporter's test build compiles (process-test-classes). */
    public static Path fakeNvml() {
        return require("gpu-exporter/target/fake-nvml/libnvidia-ml.so.1");
    }

    public static Path fakeNvidiaSmi() {
        return require("gpu-exporter/src/test/fake/nvidia-smi");
    }

    /** Skips (loudly) when a module was not built, e.g. {@code mvn -pl provisioning verify} on a fresh clone. */
    static Path require(String relative) {
        Path p = RepoRoot.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), relative + " is not built: run the full build "
                + "(mvn -B verify) or `mvn -B -q -DskipTests package` first");
        return p;
    }

    public static String binary(String name) {
        Path p = Path.of("/usr/bin", name);
        Assumptions.assumeTrue(Files.isExecutable(p), name + " is not installed (apt-get install " + name + ")");
        return p.toString();
    }
}
