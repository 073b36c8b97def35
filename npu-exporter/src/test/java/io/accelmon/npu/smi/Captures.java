package io.accelmon.npu.smi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the real npu-smi captures copied into {@code src/test/fake/captures}. */
public final class Captures {

    public static final Path DIR = Path.of("src/test/fake/captures").toAbsolutePath();

    private Captures() {
    }

    public static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
