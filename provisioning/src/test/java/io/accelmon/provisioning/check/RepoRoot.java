package io.accelmon.provisioning.check;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (the folder holding examples/local-cluster.yaml), found from the test's working directory. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path path() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("examples/local-cluster.yaml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no examples/local-cluster.yaml above " + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
