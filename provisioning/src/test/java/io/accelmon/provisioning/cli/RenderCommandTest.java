package io.accelmon.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.provisioning.AccelmonMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void rendersExactlyTheIssueLayout(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("kit");
        assertThat(AccelmonMain.run("render", "--cluster", REPO.resolve("examples/cluster.yaml").toString(),
                "--out", out.toString())).isZero();
        List<String> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).containsExactly(
                ".accelmon-kit",
                "alertmanager/alertmanager.yml",
                "ansible/group_vars/accelmon_hub.yml",
                "ansible/group_vars/all.yml",
                "ansible/inventory.yml",
                "grafana/dashboards/accelmon-api.json",
                "grafana/dashboards/accelmon-gpu.json",
                "grafana/dashboards/accelmon-node.json",
                "grafana/dashboards/accelmon-npu.json",
                "grafana/dashboards/accelmon-overview.json",
                "grafana/provisioning/dashboards/accelmon.yml",
                "grafana/provisioning/datasources/accelmon.yml",
                "prometheus/prometheus.yml",
                "prometheus/rules/alerts.yml",
                "prometheus/rules/records.yml",
                "prometheus/targets/api-inference.yml",
                "prometheus/targets/gpu-training.yml",
                "prometheus/targets/node-hub.yml",
                "prometheus/targets/node-inference.yml",
                "prometheus/targets/node-training.yml",
                "prometheus/targets/npu-inference.yml");
        String prom = Files.readString(out.resolve("prometheus/prometheus.yml"));
        for (String job : List.of("node-hub", "node-inference", "node-training", "gpu-training", "npu-inference",
                "api-inference")) {
            assertThat(prom).contains("job_name: " + job + "\n");
        }
        assertThat(prom).contains("hostname: CRS", "password_file: /etc/prometheus/secrets/exporter-password",
                "files:\n          - targets/node-inference.yml");
        assertThat(Files.readString(out.resolve("prometheus/targets/node-inference.yml")))
                .contains("server_name: inference", "hostname: PIS", "location: singapore", "ip: 47.84.111.158");
        String am = Files.readString(out.resolve("alertmanager/alertmanager.yml"));
        assertThat(am).contains("smtp_auth_password_file:", "credentials_file:", "equal:\n      - alertname\n      - instance")
                .doesNotContain("smtp_auth_password:");
        String vars = Files.readString(out.resolve("ansible/group_vars/all.yml"));
        assertThat(vars).contains("accelmon_hub_address:", "accelmon_kit_dir: /etc/accelmon/kit",
                "accelmon_web_auth_enabled: true", "accelmon_tls_enabled: false");
    }

    @Test
    void badSpecExitsTwoWithOneLinePerProblemAndLeavesDirUntouched(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, """
                servers:
                  - name: hub
                    address: 10.0.0.300
                    exporters: {node: {port: 9100}}
                  - name: hub
                    address: 10.0.0.2
                    exporters: {node: {port: 9100}}
                """);
        Path out = tmp.resolve("kit");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = AccelmonMain.run("render", "--cluster", spec.toString(), "--out", out.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                spec + ":3:14: servers[0].address: '10.0.0.300' is not an IPv4 address (each part 0..255)",
                spec + ":5:11: servers[1].name: duplicate server name 'hub' (also servers[0])");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("keep.txt");
        }
        assertThat(AccelmonMain.run("validate", "--cluster", spec.toString())).isEqualTo(2);
        assertThat(AccelmonMain.run("validate", "--cluster", REPO.resolve("examples/local-cluster.yaml").toString()))
                .isZero();
    }
}
