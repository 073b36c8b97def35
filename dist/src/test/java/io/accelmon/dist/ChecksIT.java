package io.accelmon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ansible-lint, yamllint, syntax checks, and systemd-analyze on every unit the packages and roles install. */
class ChecksIT {
  private static final Path REPO = Path.of(System.getProperty("accelmon.repo", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("accelmon.version", "0.1.0-SNAPSHOT");
  private static final double EXPOSURE_CEILING = 3.0;
  private static final Map<String, String> ENV = Map.of("ANSIBLE_CONFIG", REPO.resolve("ansible/ansible.cfg").toString(),
      "ANSIBLE_NOCOLOR", "1");

  @Test
  void ansibleIsLintAndSyntaxClean() {
    Shell.Result yaml = Shell.run(REPO.resolve("ansible"), ENV, 300, List.of("yamllint", "-s", "-c", ".yamllint", "."));
    assertThat(yaml.rc()).as(yaml.output()).isZero();
    Shell.Result syntax = Shell.run(REPO.resolve("ansible"), ENV, 300,
        List.of("ansible-playbook", "--syntax-check", "-i", "localhost,", "site.yml", "check.yml"));
    assertThat(syntax.rc()).as(syntax.output()).isZero();
    Shell.Result lint = Shell.run(REPO.resolve("ansible"), ENV, 600, List.of("ansible-lint", "--nocolor", "--profile", "production"));
    assertThat(lint.rc()).as(lint.output()).isZero();
    assertThat(lint.output()).contains("Passed with production profile");
  }

  @Test
  void everyRoleVariableIsDocumented() throws IOException {
    for (String role : List.of("accelmon_node", "accelmon_gpu", "accelmon_npu", "accelmon_hub")) {
      Path dir = REPO.resolve("ansible/roles").resolve(role);
      String spec = Files.readString(dir.resolve("meta/argument_specs.yml"));
      String readme = Files.readString(dir.resolve("README.md"));
      for (String line : Files.readAllLines(dir.resolve("defaults/main.yml"))) {
        Matcher m = Pattern.compile("^(accelmon_\\w+):").matcher(line);
        if (m.find()) {
          assertThat(spec).as("%s argument_specs", role).contains("      " + m.group(1) + ":");
          assertThat(readme).as("%s README", role).contains("`" + m.group(1) + "`");
        }
      }
    }
  }

  @Test
  void packagedUnitsVerifyAndStayUnderTheExposureCeiling(@TempDir Path tmp) throws IOException {
    assumeTrue(Shell.onPath("systemd-analyze") && Shell.onPath("dpkg-deb"), "needs systemd-analyze and dpkg-deb");
    for (String e : List.of("node-collector", "gpu-exporter", "npu-exporter")) {
      Path deb = REPO.resolve("dist/target/accelmon-" + e + "_" + VERSION.replace('-', '~') + "_amd64.deb");
      assertThat(deb).as("package of %s", e).exists();
      Path root = tmp.resolve(e);
      Shell.Result x = Shell.run(REPO, 120, "dpkg-deb", "-x", deb.toString(), root.toString());
      assertThat(x.rc()).as(x.output()).isZero();
      // verify resolves dependencies: give the extracted root the machine's targets
      Shell.Result targets = Shell.run(REPO, 60, "sh", "-c", "cp -a /lib/systemd/system/*.target " + root.resolve("lib/systemd/system"));
      assertThat(targets.rc()).as(targets.output()).isZero();
      String unit = "/lib/systemd/system/accelmon-" + e + ".service";
      Shell.Result verify = Shell.run(REPO, 120, "systemd-analyze", "verify", "--root=" + root, unit);
      assertThat(verify.rc()).as(verify.output()).isZero();
      assertThat(verify.output()).as("systemd-analyze verify %s", unit).doesNotContain("accelmon-" + e);
      double score = exposure(root.resolve(unit.substring(1)));
      System.out.printf("ChecksIT: %s.deb unit exposure %.1f%n", e, score);
      assertThat(score).isLessThanOrEqualTo(EXPOSURE_CEILING);
    }
  }

  @Test
  void roleUnitsStayUnderTheExposureCeiling(@TempDir Path tmp) throws IOException {
    assumeTrue(Shell.onPath("systemd-analyze") && Shell.onPath("ansible"), "needs systemd-analyze and ansible");
    Map<String, String> devices = Map.of("node-collector", "[]", "gpu-exporter", "[\"char-nvidia* rw\"]",
        "npu-exporter", "[\"char-davinci* rw\", \"char-devmm_svm rw\", \"char-hisi_hdc rw\"]");
    for (Map.Entry<String, String> e : devices.entrySet()) {
      Path unit = tmp.resolve("accelmon-" + e.getKey() + ".service");
      String vars = "{\"_accelmon_exporter_name\": \"" + e.getKey() + "\", \"_accelmon_exporter_device_allow\": " + e.getValue()
          + ", \"_accelmon_exporter_listen_address\": \":9100\", \"_accelmon_exporter_expected_sha256\": \"" + "a".repeat(64)
          + "\", \"accelmon_protect_home\": \"auto\"}";
      Shell.Result r = Shell.run(REPO.resolve("ansible"), ENV, 300, List.of("ansible-playbook", "-i", "localhost,",
          REPO.resolve("dist/src/test/resources/render-unit.yml").toString(),
          "-e", vars, "-e", "_accelmon_exporter_unit_dest=" + unit));
      assertThat(r.rc()).as(r.output()).isZero();
      String text = Files.readString(unit);
      assertThat(text).contains("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectKernelTunables=yes",
          "ProtectKernelModules=yes", "ProtectControlGroups=yes", "Restart=always", "StateDirectory=accelmon-" + e.getKey())
          .doesNotContainPattern("(?m)^MemoryDenyWriteExecute");
      double score = exposure(unit);
      System.out.printf("ChecksIT: role unit %s exposure %.1f%n", e.getKey(), score);
      assertThat(score).isLessThanOrEqualTo(EXPOSURE_CEILING);
    }
  }

  private static double exposure(Path unit) {
    Shell.Result r = Shell.run(REPO, 120, "systemd-analyze", "security", "--offline=true", unit.toString());
    Matcher m = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
