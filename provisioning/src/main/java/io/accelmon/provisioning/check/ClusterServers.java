package io.accelmon.provisioning.check;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which servers a cluster file expects, under the name the rendered scrape config gives them in the
 * {@code server_name} label: one entry per server, even when several share a role.
 */
public final class ClusterServers {

    private ClusterServers() {
    }

    public static List<ExpectedServer> read(Path file) throws BadClusterFile {
        return expected(load(file));
    }

    /** The validated spec, or its problems as one {@link BadClusterFile}. */
    public static ClusterSpec load(Path file) throws BadClusterFile {
        try {
            return ClusterSpecLoader.load(file);
        } catch (SpecException e) {
            throw new BadClusterFile(String.join("\n", e.problems()));
        }
    }

    static List<ExpectedServer> expected(ClusterSpec spec) {
        List<ExpectedServer> out = new ArrayList<>();
        for (ClusterSpec.Server s : spec.servers()) {
            out.add(new ExpectedServer(s.name(), s.role(), s.hostname(), s.address()));
        }
        return out;
    }

    /** The cluster file could not be used. */
    public static final class BadClusterFile extends Exception {
        public BadClusterFile(String message) {
            super(message);
        }
    }
}
