package io.accelmon.provisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads which servers a cluster file expects, under the name the rendered scrape config gives them. */
public final class ClusterServers {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ClusterServers() {
    }

    public static List<ExpectedServer> read(Path file) throws BadClusterFile {
        if (!Files.isRegularFile(file)) {
            throw new BadClusterFile(file + ": no such file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadClusterFile(file + ": not YAML: " + e.getMessage());
        }
        JsonNode servers = root == null ? null : root.get("servers");
        if (servers == null || !servers.isArray() || servers.isEmpty()) {
            throw new BadClusterFile(file + ": no servers list");
        }
        List<ExpectedServer> out = new ArrayList<>();
        for (JsonNode s : servers) {
            String role = s.path("role").asText(s.path("name").asText(""));
            out.add(new ExpectedServer(role, s.path("hostname").asText(s.path("name").asText("")),
                    s.path("address").asText("")));
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
