package io.accelmon.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.kit.KitManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accelmon render --out}: the kit rewrites only what its manifest lists and keeps everything else. */
class KitOwnershipTest {

    static final String CLUSTER = RenderCommandTest.REPO.resolve("examples/cluster.yaml").toString();
    static final String LOCAL = RenderCommandTest.REPO.resolve("examples/local-cluster.yaml").toString();

    @Test
    void aDirectoryThatMerelyLooksLikeAKitIsRefusedAndNothingIsDeleted(@TempDir Path tmp) throws Exception {
        Path x = tmp.resolve("x");
        Files.createDirectories(x.resolve("prometheus"));
        Files.writeString(x.resolve("prometheus/prometheus.yml"), "global: {}\n");
        Files.writeString(x.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", x.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString()
                .contains(x.toString(), "not empty", KitManifest.FILE_NAME, "refusing");
        assertThat(Files.readString(x.resolve("passwd"))).isEqualTo("root:x:0:0::/root:/bin/sh\n");
        assertThat(Files.readString(x.resolve("prometheus/prometheus.yml"))).isEqualTo("global: {}\n");
        assertThat(names(tmp)).containsExactly("x");
    }

    @Test
    void reRenderKeepsAndReportsAnOperatorFileAndRemovesOnlyStaleKitFiles(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        String manifest = Files.readString(kit.resolve(KitManifest.FILE_NAME));
        assertThat(manifest).containsPattern("(?m)^[0-9a-f]{64}  prometheus/prometheus.yml$")
                .contains("  grafana/dashboards/accelmon-gpu.json\n");
        Files.writeString(kit.resolve("operator-notes.txt"), "call Ana before restarting\n");
        Files.writeString(kit.resolve("grafana/dashboards/team.json"), "{}\n");

        // the local cluster has no NPU, so the kit no longer carries the NPU dashboard... or keeps the same set;
        // either way only listed files may go.
        CommandOutput r = CommandOutput.of("render", "--cluster", LOCAL, "--out", kit.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("kept: grafana/dashboards/team.json", "kept: operator-notes.txt");
        assertThat(Files.readString(kit.resolve("operator-notes.txt"))).isEqualTo("call Ana before restarting\n");
        assertThat(Files.readString(kit.resolve("grafana/dashboards/team.json"))).isEqualTo("{}\n");
        assertThat(Files.readString(kit.resolve(KitManifest.FILE_NAME))).doesNotContain("operator-notes.txt");
        for (String line : r.out().lines().filter(l -> l.startsWith("removed: ")).toList()) {
            assertThat(manifest).contains("  " + line.substring("removed: ".length()) + "\n");
        }
        assertThat(Files.readString(kit.resolve("prometheus/prometheus.yml"))).contains("127.0.0.1");
        assertThat(names(tmp)).containsExactly("kit");
    }

    @Test
    void aStaleKitFileTheOperatorRemovedFromTheKitSetIsRemovedOnlyWhenUnchanged(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        Path extra = kit.resolve("grafana/dashboards/old.json");
        Files.writeString(extra, "{\"old\": true}\n");
        // pretend an earlier version of the kit wrote old.json: list it with its hash
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(extra)));
        Files.writeString(kit.resolve(KitManifest.FILE_NAME), hash + "  grafana/dashboards/old.json\n",
                java.nio.file.StandardOpenOption.APPEND);
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("removed: grafana/dashboards/old.json");
        assertThat(extra).doesNotExist();
    }

    @Test
    void aKitFileTheOperatorEditedIsNeitherOverwrittenNorLost(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        Path prom = kit.resolve("prometheus/prometheus.yml");
        Files.writeString(prom, Files.readString(prom) + "# tuned by hand\n");
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString().contains(prom.toString(), "changed");
        assertThat(Files.readString(prom)).endsWith("# tuned by hand\n");
    }

    @Test
    void anOperatorFileWhereTheKitWantsToWriteIsRefused(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        Path rules = kit.resolve("prometheus/rules/records.yml");
        String manifest = Files.readString(kit.resolve(KitManifest.FILE_NAME));
        Files.writeString(kit.resolve(KitManifest.FILE_NAME),
                manifest.lines().filter(l -> !l.endsWith("prometheus/rules/records.yml"))
                        .reduce("", (a, b) -> a + b + "\n"));
        Files.writeString(rules, "groups: []\n");
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains(rules.toString(), "not written by accelmon");
        assertThat(Files.readString(rules)).isEqualTo("groups: []\n");
    }

    @Test
    void aManifestNamingFilesOutsideTheKitIsRefused(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "keep me\n");
        Files.writeString(kit.resolve(KitManifest.FILE_NAME), "0".repeat(64) + "  ../victim.txt\n",
                java.nio.file.StandardOpenOption.APPEND);
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString().contains("outside the kit");
        assertThat(victim).hasContent("keep me");
    }

    @Test
    void aSymbolicLinkInsideTheKitIsNeverWrittenThrough(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("kit");
        assertThat(CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString()).rc()).isZero();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path rules = kit.resolve("prometheus/rules");
        for (Path f : List.of(rules.resolve("alerts.yml"), rules.resolve("records.yml"))) {
            Files.move(f, elsewhere.resolve(f.getFileName()));
        }
        Files.delete(rules);
        Files.createSymbolicLink(rules, elsewhere);
        CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", kit.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.errors()).singleElement().asString().contains(rules.toString(), "symbolic link");
    }

    @Test
    void systemAndHomeDirectoriesAreRefusedOutright() {
        for (String dir : List.of("/", "/etc", "/usr", "/var", "/home", "/root", "/home/ana",
                System.getProperty("user.home"), "/etc/prometheus")) {
            CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", dir);
            assertThat(r.rc()).as(dir).isEqualTo(2);
            assertThat(r.errors()).as(dir).singleElement().asString()
                    .containsAnyOf("a system directory", "home directory");
        }
    }

    @Test
    void aReadOnlyOutSaysPermissionDenied(@TempDir Path tmp) throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        assertThat(ro.toFile().setWritable(false)).isTrue();
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as root");
            CommandOutput r = CommandOutput.of("render", "--cluster", CLUSTER, "--out", ro.resolve("kit").toString());
            assertThat(r.rc()).isEqualTo(2);
            assertThat(r.errors()).singleElement().asString()
                    .contains(ro.toString(), "permission denied");
        } finally {
            ro.toFile().setWritable(true);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
