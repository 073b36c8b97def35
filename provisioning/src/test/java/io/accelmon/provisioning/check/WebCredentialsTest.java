package io.accelmon.provisioning.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check and usage log in to a hub that requires basic auth: from the options or the cluster spec's security. */
class WebCredentialsTest {

    @Test
    void withoutCredentialsTheRefusalSaysWhatToPass() throws Exception {
        try (RecordedPrometheus p = HealthFixtures.recorded().requireBasicAuth("prometheus", "s3cret")) {
            CommandRun run = CommandRun.of("check", "--prometheus", p.url());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly("accelmon check: Prometheus at " + p.url()
                    + " answered HTTP 401: it requires credentials (--username and --password-file, or --cluster with"
                    + " security.basic_auth)");
        }
    }

    @Test
    void userAndPasswordFileLogIn(@TempDir Path tmp) throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "s3cret\n");
        try (RecordedPrometheus p = HealthFixtures.recorded().requireBasicAuth("prometheus", "s3cret")) {
            CommandRun run = CommandRun.of("check", "--prometheus", p.url(), "--username", "prometheus",
                    "--password-file", pw.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1); // inference's node exporter is down
            assertThat(run.out()).contains("[server] training");
            Files.writeString(pw, "wrong");
            CommandRun wrong = CommandRun.of("check", "--prometheus", p.url(), "--username", "prometheus",
                    "--password-file", pw.toString());
            assertThat(wrong.exitCode()).isEqualTo(2);
            assertThat(wrong.err()).contains("HTTP 401: the credentials were refused");
        }
    }

    @Test
    void theClusterSpecsBasicAuthIsUsedUnlessOptionsSayOtherwise(@TempDir Path tmp) throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "s3cret\n");
        String local = Files.readString(RepoRoot.resolve("examples/local-cluster.yaml"));
        Path cluster = Files.writeString(tmp.resolve("cluster.yaml"), local.replaceAll("(?ms)^security:.*?(?=^\\S|\\z)", "")
                + "\nsecurity:\n  basic_auth: {username: prometheus, password_file: " + pw + "}\n");
        try (RecordedPrometheus p = HealthFixtures.recorded().requireBasicAuth("prometheus", "s3cret")) {
            CommandRun run = CommandRun.of("check", "--prometheus", p.url(), "--cluster", cluster.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).doesNotContain("401");
            CommandRun other = CommandRun.of("check", "--prometheus", p.url(), "--cluster", cluster.toString(),
                    "--username", "someone", "--password-file", pw.toString());
            assertThat(other.err()).contains("the credentials were refused");
        }
    }

    @Test
    void badCredentialOptionsAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path notCa = Files.writeString(tmp.resolve("ca.pem"), "not a certificate\n");
        try (RecordedPrometheus p = HealthFixtures.recorded()) {
            CommandRun alone = CommandRun.of("check", "--prometheus", p.url(), "--username", "prometheus");
            assertThat(alone.exitCode()).isEqualTo(2);
            assertThat(alone.err()).isEqualTo("accelmon check: --username and --password-file go together\n");
            CommandRun missing = CommandRun.of("usage", "--prometheus", p.url(), "--from", "-1h", "--username", "u",
                    "--password-file", tmp.resolve("nope").toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).isEqualTo("accelmon usage: password file " + tmp.resolve("nope")
                    + ": no such file\n");
            CommandRun ca = CommandRun.of("check", "--prometheus", p.url(), "--ca-file", notCa.toString());
            assertThat(ca.exitCode()).isEqualTo(2);
            assertThat(ca.err()).startsWith("accelmon check: " + notCa + ": ").hasLineCount(1);
        }
    }
}
