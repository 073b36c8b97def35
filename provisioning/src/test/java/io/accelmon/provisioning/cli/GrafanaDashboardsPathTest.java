package io.accelmon.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accelmon.provisioning.render.AnsibleInventory;
import io.accelmon.provisioning.render.GrafanaProvisioning;
import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana's dashboard provider reads the directory the kit's dashboards land in, for each way the kit is used: rolled
 * out by the Ansible hub role, used where it is rendered (the local stack), and a plain render that says where.
 */
class GrafanaDashboardsPathTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String providerPath(String providerFile) throws Exception {
        return YAML.readTree(providerFile).path("providers").get(0).path("options").path("path").asText();
    }

    @Test
    void ansibleHubRoleCopiesTheDashboardsWhereTheRenderedProviderReads() throws Exception {
        Map<String, String> kit = Kit.render(ClusterSpecLoader.load(REPO.resolve("examples/cluster.yaml")));
        String provider = providerPath(kit.get(GrafanaProvisioning.DASHBOARDS));
        assertThat(provider).isEqualTo("/etc/accelmon/kit/grafana/dashboards");

        JsonNode hubVars = YAML.readTree(kit.get(AnsibleInventory.HUB));
        assertThat(hubVars.path("accelmon_grafana_dashboards_dir").asText()).isEqualTo(provider);
        JsonNode allVars = YAML.readTree(kit.get(AnsibleInventory.ALL));
        assertThat(allVars.path("accelmon_kit_dir").asText() + "/grafana/dashboards").isEqualTo(provider);

        Path role = REPO.resolve("ansible/roles/accelmon_hub");
        JsonNode copy = null;
        for (JsonNode task : YAML.readTree(role.resolve("tasks/grafana.yml").toFile())) {
            if (task.path("name").asText().equals("Copy the dashboards")) {
                copy = task.path("ansible.builtin.copy");
            }
        }
        assertThat(copy).as("the hub role's dashboards task").isNotNull();
        assertThat(copy.path("src").asText()).isEqualTo("{{ accelmon_kit_dir }}/grafana/dashboards/");
        assertThat(copy.path("dest").asText()).isEqualTo("{{ accelmon_grafana_dashboards_dir }}/");
        // Without the rendered group_vars the role's default names the same place.
        assertThat(YAML.readTree(role.resolve("defaults/main.yml").toFile()).path("accelmon_grafana_dashboards_dir")
                .asText()).isEqualTo("{{ accelmon_kit_dir }}/grafana/dashboards");
        // And the role checks the rendered provider against the variable before it changes anything.
        assertThat(Files.readString(role.resolve("tasks/preflight.yml")))
                .contains("_accelmon_hub_grafana_provider_path == accelmon_grafana_dashboards_dir",
                        "/grafana/provisioning/dashboards/accelmon.yml");
    }

    @Test
    void renderWithKitDirPointsTheProviderAtTheRenderedDashboards(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("kit");
        String stdout = render("--out", out.toString(), "--kit-dir", out.toString());
        String provider = providerPath(Files.readString(out.resolve(GrafanaProvisioning.DASHBOARDS)));
        assertThat(Path.of(provider)).isEqualTo(out.toAbsolutePath().resolve("grafana/dashboards"));
        assertThat(Path.of(provider).resolve("accelmon-overview.json")).isRegularFile();
        assertThat(stdout).doesNotContain("note:");
    }

    @Test
    void plainRenderElsewhereSaysWhereTheProviderReads(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("kit");
        String stdout = render("--out", out.toString());
        assertThat(stdout).contains("note: Grafana's dashboard provider reads /etc/accelmon/kit/grafana/dashboards",
                "render with --kit-dir " + out.toAbsolutePath());
        assertThat(providerPath(Files.readString(out.resolve(GrafanaProvisioning.DASHBOARDS))))
                .isEqualTo("/etc/accelmon/kit/grafana/dashboards");
    }

    @Test
    void localStackRendersItsKitForWhereItIs() throws Exception {
        assertThat(Files.readString(REPO.resolve("bin/accelmon-stack")))
                .contains("render --cluster \"$cluster\" --out \"$kit\" --kit-dir \"$kit\"");
    }

    private static String render(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "render";
        all[1] = "--cluster";
        all[2] = REPO.resolve("examples/cluster.yaml").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        CommandOutput r = CommandOutput.of(all);
        assertThat(r.rc()).as(r.err()).isZero();
        return r.out();
    }
}
