package io.accelmon.gpu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real H100 captures kept next to the fake nvidia-smi (src/test/fake/captures). */
public final class Captures {

    public static final Path FAKE_DIR = Path.of("src/test/fake").toAbsolutePath();
    public static final Path FAKE_NVIDIA_SMI = FAKE_DIR.resolve("nvidia-smi");
    public static final Path FAKE_NVML = Path.of("target/fake-nvml/libnvidia-ml.so.1").toAbsolutePath();
    public static final Path FAKE_NVML_OLD = Path.of("target/fake-nvml-old/libnvidia-ml.so.1").toAbsolutePath();

    private Captures() {
    }

    public static String read(String name) {
        try {
            return Files.readString(FAKE_DIR.resolve("captures").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CSV nvidia-smi prints for {@code --query-gpu=<fields>}: the named columns of a capture's data line,
     * located through the header of query-gpu-all.csv (names without their " [unit]").
     */
    public static String select(String fields, String dataLine) {
        String[] header = read("query-gpu-all.csv").lines().findFirst().orElseThrow().split(", ");
        String[] data = dataLine.strip().split(", ", -1);
        List<String> names = new ArrayList<>();
        for (String h : header) {
            int unit = h.indexOf(" [");
            names.add(unit >= 0 ? h.substring(0, unit) : h);
        }
        List<String> out = new ArrayList<>();
        for (String field : fields.split(",")) {
            int i = names.indexOf(field);
            if (i < 0) {
                throw new IllegalArgumentException(field + " is not in the capture");
            }
            out.add(data[i]);
        }
        return String.join(", ", out) + "\n";
    }
}
