package io.accelmon.provisioning.check;

import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which servers a cluster file expects, under the name the rendered scrape config gives them: the {@code server}
 * label is the server's role, so servers sharing a role form one block.
 */
public final class ClusterServers {

    private ClusterServers() {
    }

    public static List<ExpectedServer> read(Path file) throws BadClusterFile {
        ClusterSpec spec;
        try {
            spec = ClusterSpecLoader.load(file);
        } catch (SpecException e) {
            throw new BadClusterFile(String.join("\n", e.problems()));
        }
        return expected(spec);
    }

    static List<ExpectedServer> expected(ClusterSpec spec) {
        Map<String, ExpectedServer> byRole = new LinkedHashMap<>();
        for (ClusterSpec.Server s : spec.servers()) {
            byRole.putIfAbsent(s.role(), new ExpectedServer(s.role(), s.hostname(), s.address()));
        }
        return new ArrayList<>(byRole.values());
    }

    /** The cluster file could not be used. */
    public static final class BadClusterFile extends Exception {
        public BadClusterFile(String message) {
            super(message);
        }
    }
}
