package io.accelmon.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and render warn about what a valid spec still exposes, naming the key; insecure: true silences it. */
class SecurityWarningsTest {

    static final String SERVERS = """
            servers:
              - name: hub
                address: 10.1.0.1
                exporters: {node: {}}
              - name: training
                address: 10.1.0.2
                exporters: {node: {}, gpu: {}}
            """;

    @Test
    void aSpecWithoutSecurityWarnsAboutOpenExportersAndTheHub(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("c.yaml");
        Files.writeString(spec, SERVERS);
        for (String cmd : new String[] {"validate", "render"}) {
            CommandOutput r = cmd.equals("validate") ? CommandOutput.of("validate", "--cluster", spec.toString())
                    : CommandOutput.of("render", "--cluster", spec.toString(), "--out", tmp.resolve("kit").toString());
            assertThat(r.rc()).as(cmd).isZero();
            assertThat(r.err().lines().toList()).as(cmd).containsExactly(
                    spec + ": warning: security.basic_auth: not set, so every exporter serves its metrics without"
                            + " credentials to anyone who reaches 10.1.0.1, 10.1.0.2; set security.basic_auth"
                            + " (or security: {insecure: true} to accept this)",
                    spec + ": warning: hub.server: Prometheus (:9090) and Alertmanager (:9093) on 10.1.0.1 take"
                            + " queries and silences without credentials from anyone who reaches them; set"
                            + " security.basic_auth (the hub then requires it too) (or security: {insecure: true} to"
                            + " accept this)");
        }
    }

    @Test
    void basicAuthOverPlainHttpToRemoteAddressesNamesSecurityTls(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("c.yaml");
        Files.writeString(spec, SERVERS + "security:\n  basic_auth: {username: p, password_file: /etc/p}\n");
        CommandOutput r = CommandOutput.of("validate", "--cluster", spec.toString());
        assertThat(r.rc()).isZero();
        assertThat(r.err()).contains(spec + ": warning: security.tls: not set, so the exporters' basic-auth password"
                + " goes over plain http to 10.1.0.1, 10.1.0.2; set security.tls").doesNotContain("basic_auth: not set")
                .doesNotContain("hub.server");
    }

    @Test
    void insecureTrueSilencesAndLoopbackNeedsNoWarning(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("c.yaml");
        Files.writeString(spec, SERVERS + "security: {insecure: true}\n");
        assertThat(CommandOutput.of("validate", "--cluster", spec.toString()).err()).isEmpty();
        Path local = tmp.resolve("l.yaml");
        Files.writeString(local, "servers:\n  - {name: hub, address: 127.0.0.1, exporters: {node: {}}}\n"
                + "security:\n  basic_auth: {username: p, password_file: /etc/p}\n");
        assertThat(CommandOutput.of("validate", "--cluster", local.toString()).err()).isEmpty();
    }
}
