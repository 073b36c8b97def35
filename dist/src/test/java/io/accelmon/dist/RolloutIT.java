package io.accelmon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real rollout: three systemd-nspawn hosts on a bridge inside a network namespace this test creates,
 * ansible/site.yml through community.docker.nsenter, then idempotence and a rules-only change. The security path is
 * on throughout: every exporter, Prometheus and Alertmanager serve https with basic auth, and the nftables firewall
 * lets only the hub reach the exporters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {
  private static final Path REPO = Path.of(System.getProperty("accelmon.repo", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("accelmon.version", "0.1.0-SNAPSHOT");
  /** host name in the inventory, address on the test bridge. */
  private static final Map<String, String> HOSTS = new LinkedHashMap<>(Map.of());
  private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)",
      Pattern.MULTILINE);

  private static final String USER = "prometheus";

  private static Path work;
  private static Path kit;
  /** A private copy of the accelmon command: a rebuild of provisioning during the test must not change the kit. */
  private static Path accelmon;
  private static final Path SECRETS_BASE = Path.of("/var/lib/accelmon-rollout-it");
  private static Path passwordFile;
  private static Path ca;
  private static String password;
  private static final Map<String, String> LEADERS = new LinkedHashMap<>();

  static {
    HOSTS.put("hub", "10.77.0.2");
    HOSTS.put("trs", "10.77.0.3");
    HOSTS.put("pis", "10.77.0.4");
  }

  @BeforeAll
  static void bootHosts() throws IOException {
    assumeTrue(Shell.isRoot(), "RolloutIT needs root (systemd-nspawn, network namespaces); CI runs as root");
    assumeTrue(Shell.onPath("systemd-nspawn") && Shell.onPath("debootstrap") && Shell.onPath("ansible-playbook"),
        "RolloutIT needs systemd-nspawn, debootstrap and ansible-playbook (.ci/run installs them)");
    for (String e : List.of("node-collector", "gpu-exporter", "npu-exporter")) {
      assertThat(artifact(e)).as("tarball of %s (built by this module's package phase)", e).exists();
    }
    assertThat(REPO.resolve("provisioning/target/accelmon.jar")).as("accelmon command (provisioning module)").exists();
    long t0 = System.nanoTime();
    Shell.Result rootfs = Shell.run(REPO, 900, "dist/src/test/sh/rootfs.sh");
    assertThat(rootfs.rc()).as(rootfs.output()).isZero();
    String root = rootfs.output().strip().lines().reduce((a, b) -> b).orElseThrow();
    work = Files.createTempDirectory(REPO.resolve("dist/target"), "rollout-");
    List<String> up = new ArrayList<>(List.of("dist/src/test/sh/hosts.sh", "up", work.toString(), root));
    HOSTS.forEach((h, a) -> up.add(h + "=" + a));
    Shell.Result boot = Shell.run(REPO, Map.of(), 300, up);
    assertThat(boot.rc()).as(boot.output()).isZero();
    for (String h : HOSTS.keySet()) {
      LEADERS.put(h, Files.readString(work.resolve(h + ".pid")).strip());
    }
    System.out.printf("RolloutIT: root %s, three hosts up in %.1f s%n", root, (System.nanoTime() - t0) / 1e9);
    password = "it-" + Long.toHexString(new SecureRandom().nextLong());
    // the hub role puts the password at the same path on the hub, where Debian's prometheus.service (PrivateTmp,
    // ProtectHome) must read it: not under the work directory, which may sit in /tmp or a home directory
    passwordFile = SECRETS_BASE.resolve(work.getFileName().toString()).resolve("exporter-password");
    Files.createDirectories(passwordFile.getParent());
    Files.writeString(passwordFile, password + "\n");
    ca = issueCertificates(work.resolve("tls"));
    accelmon = Files.copy(REPO.resolve("provisioning/target/accelmon.jar"), work.resolve("accelmon.jar"));
    kit = work.resolve("kit");
    writeKit(kit, "50");
    Files.writeString(work.resolve("connection.yml"), connectionInventory());
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (work == null) {
      return;
    }
    Shell.Result down = Shell.run(REPO, 120, "dist/src/test/sh/hosts.sh", "down", work.toString());
    System.out.println("RolloutIT teardown: rc=" + down.rc() + " " + down.output());
    for (Path dir : List.of(work, SECRETS_BASE.resolve(work.getFileName().toString()))) {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    SECRETS_BASE.toFile().delete(); // only when no other run's secrets are left
  }

  @Test
  @Order(1)
  void badInputFailsEarlyAndChangesNothing() throws IOException {
    // 1. an inventory without a required variable
    Path inv = kit.resolve("ansible/inventory.yml");
    String good = Files.readString(inv);
    Files.writeString(inv, good.replaceAll("(?m)^\\s+accelmon_gpu_listen_address:.*\\n", ""));
    assertThat(Files.readString(inv)).doesNotContain("accelmon_gpu_listen_address");
    Shell.Result missing = site();
    Files.writeString(inv, good);
    assertThat(missing.rc()).as(missing.output()).isNotZero();
    assertThat(missing.output()).contains("accelmon_gpu_listen_address");
    assertNothingInstalled();

    // 2. an artifact whose sha256 does not match
    Shell.Result mismatch = site("-e", "accelmon_npu_artifact_sha256=" + "0".repeat(64));
    assertThat(mismatch.rc()).as(mismatch.output()).isNotZero();
    assertThat(mismatch.output()).contains("sha256 mismatch").contains("accelmon-npu-exporter-" + VERSION);
    assertNothingInstalled();

    // 3. a TLS file that does not exist on the target
    Shell.Result tls = site("-e", "{\"accelmon_tls_enabled\": true, \"accelmon_tls_cert_file\": \"/etc/ssl/accelmon-missing.crt\","
        + " \"accelmon_tls_key_file\": \"/etc/ssl/accelmon-missing.key\"}");
    assertThat(tls.rc()).as(tls.output()).isNotZero();
    assertThat(tls.output()).contains("/etc/ssl/accelmon-missing.crt");
    assertNothingInstalled();
  }

  @Test
  @Order(2)
  void rolloutIsRealIdempotentAndRulesOnlyChangeReloadsPrometheus() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Shell.Result first = site();
    System.out.printf("RolloutIT: first run %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(first.rc()).as(first.output()).isZero();

    Map<String, List<String>> units = Map.of(
        "hub", List.of("accelmon-node-collector", "prometheus", "prometheus-alertmanager"),
        "trs", List.of("accelmon-node-collector", "accelmon-gpu-exporter"),
        "pis", List.of("accelmon-node-collector", "accelmon-npu-exporter"));
    units.forEach((host, list) -> list.forEach(u -> assertThat(inHost(host, "systemctl", "is-active", u + ".service").output().strip())
        .as("%s on %s", u, host).isEqualTo("active")));

    assertThat(metrics("hub", 9100)).contains("node_cpu_seconds_total").contains("node_load1").contains("accelmon_build_info");
    assertThat(metrics("trs", 9100)).contains("node_memory_MemTotal_bytes");
    assertThat(metrics("trs", 9835)).contains("accelmon_build_info").contains("gpu_exporter_");
    assertThat(metrics("pis", 8082)).contains("accelmon_build_info").contains("npu_exporter_");

    Shell.Result check = playbook("check.yml");
    assertThat(check.rc()).as(check.output()).isZero();
    // check.yml saw every target up; one scrape of a JVM in a container on a loaded machine can still run past its
    // timeout since, so the target list is read until all are up again
    String targets = hubApi("/api/v1/targets?state=active");
    for (int attempt = 0; attempt < 15 && targets.contains("\"health\":\"down\""); attempt++) {
      Thread.sleep(2000);
      targets = hubApi("/api/v1/targets?state=active");
    }
    int total = targets.split("\"scrapeUrl\"", -1).length - 1;
    assertThat(total).as(targets).isEqualTo(7); // 3 node, gpu, npu, prometheus, alertmanager
    assertThat(targets.split("\"health\":\"up\"", -1)).as(targets).hasSize(total + 1);
    assertThat(targets.split("\"scrapeUrl\":\"https://", -1)).as("every scrape over https: " + targets).hasSize(total + 1);

    t0 = System.nanoTime();
    Shell.Result second = site();
    System.out.printf("RolloutIT: second run %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(second.rc()).as(second.output()).isZero();
    assertThat(recap(second)).as(second.output()).containsOnlyKeys(HOSTS.keySet()).allSatisfy((h, c) -> assertThat(c).isZero());

    double started = promValue("process_start_time_seconds");
    double reloaded = promValue("prometheus_config_last_reload_success_timestamp_seconds");
    writeKit(kit, "7");
    Shell.Result third = site();
    assertThat(third.rc()).as(third.output()).isZero();
    Map<String, Integer> changed = recap(third);
    assertThat(changed.get("trs")).as(third.output()).isZero();
    assertThat(changed.get("pis")).as(third.output()).isZero();
    assertThat(changed.get("hub")).as(third.output()).isPositive();
    assertThat(changedTasks(third)).as(third.output()).isNotEmpty()
        .allSatisfy(t -> assertThat(t).matches("hub: .*(Stage the rendered Prometheus|Install the checked Prometheus|Reload Prometheus).*"));
    assertThat(inHost("hub", "cat", "/etc/prometheus/rules/alerts.yml").output()).contains("(node_cpu_seconds_total{mode=\"idle\"}) > 7\n");
    assertThat(promValue("process_start_time_seconds")).as("Prometheus was reloaded, not restarted").isEqualTo(started);
    assertThat(promValue("prometheus_config_last_reload_success_timestamp_seconds")).isGreaterThan(reloaded);
    String rules = hubApi("/api/v1/rules");
    // the API escapes '>' in JSON as \u003e
    assertThat(rules).contains("mode=\\\"idle\\\"}) \\u003e 7");
  }

  /** Rolled out above: what a stranger can and cannot reach, and the accelmon commands with the kit's credentials. */
  @Test
  @Order(3)
  void firewallTlsAndBasicAuthHoldOnTheRolledOutHosts() throws InterruptedException {
    Map<String, String> exporters = Map.of("10.77.0.2:9100", "hub node-collector", "10.77.0.3:9835", "trs gpu-exporter",
        "10.77.0.4:8082", "pis npu-exporter", "10.77.0.4:9100", "pis node-collector");
    // curl 28: the SYN was dropped (nftables), not refused; the hub itself gets through (metrics(), up == 1 above)
    exporters.forEach((addr, what) -> {
      if (!addr.startsWith(HOSTS.get("trs") + ":")) {
        assertThat(curl("trs", "--max-time", "3", "-u", USER + ":" + password, "https://" + addr + "/metrics").rc())
            .as("%s from trs (not the hub)", what).isEqualTo(28);
      }
      assertThat(Shell.run(REPO, Map.of(), 30, List.of("nsenter", "--net=/run/netns/" + bridgeNamespace(), "curl", "-s",
          "--max-time", "3", "--cacert", ca.toString(), "-u", USER + ":" + password, "https://" + addr + "/metrics")).rc())
          .as("%s from the bridge's namespace", what).isEqualTo(28);
      assertThat(status("hub", "GET", "https://" + addr + "/metrics")).as("%s without credentials", what).isEqualTo("401");
      assertThat(status("hub", "GET", "https://" + addr + "/metrics", "-u", USER + ":wrong")).as("%s, wrong password", what)
          .isEqualTo("401");
    });
    for (String host : List.of("hub", "trs")) {
      assertThat(status(host, "GET", "https://10.77.0.2:9090/api/v1/query?query=up")).as("Prometheus query from " + host)
          .isEqualTo("401");
      assertThat(status(host, "GET", "https://10.77.0.2:9090/api/v1/status/config")).isEqualTo("401");
      assertThat(status(host, "POST", "https://10.77.0.2:9093/api/v2/silences", "-H", "Content-Type: application/json",
          "--data", "{\"matchers\":[{\"name\":\"severity\",\"value\":\"critical\",\"isRegex\":false}],"
              + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"x\","
              + "\"comment\":\"x\"}")).as("a silence without credentials from " + host).isEqualTo("401");
    }
    assertThat(status("hub", "GET", "https://10.77.0.2:9093/api/v2/status", "-u", USER + ":" + password)).isEqualTo("200");
    assertThat(hubApi("/api/v1/alertmanagers"))
        .contains("\"url\":\"https://10.77.0.2:9093/api/v2/alerts\"");
    // bound to the hub's own address, not every interface
    assertThat(inNet("hub", "curl", "-s", "--max-time", "3", "http://127.0.0.1:9090/-/ready").rc()).isEqualTo(7);
    assertThat(inNet("trs", "curl", "-s", "--max-time", "3", "http://127.0.0.1:9835/metrics").rc()).isEqualTo(7);

    Path jar = accelmon;
    Shell.Result check = null;
    for (int attempt = 0; attempt < 10 && (check == null || check.rc() != 0); attempt++) {
      if (check != null) {
        Thread.sleep(3000); // a target down for one slow scrape
      }
      check = inNet("hub", "java", "-jar", jar.toString(), "check", "--prometheus", "https://10.77.0.2:9090",
          "--cluster", work.resolve("cluster.yaml").toString(), "--ca-file", ca.toString());
    }
    assertThat(check.rc()).as(check.output()).isZero();
    Shell.Result anonymous = inNet("hub", "java", "-jar", jar.toString(), "check", "--prometheus", "https://10.77.0.2:9090",
        "--ca-file", ca.toString());
    assertThat(anonymous.rc()).as(anonymous.output()).isEqualTo(2);
    assertThat(anonymous.output()).contains("HTTP 401").contains("--username and --password-file");
    Shell.Result usage = inNet("hub", "java", "-jar", jar.toString(), "usage", "--prometheus", "https://10.77.0.2:9090",
        "--from", "-2m", "--username", USER, "--password-file", passwordFile.toString(), "--ca-file", ca.toString());
    assertThat(usage.rc()).as(usage.output()).isZero();
  }

  private static Path artifact(String exporter) {
    return REPO.resolve("dist/target/accelmon-" + exporter + "-" + VERSION + "-linux-amd64.tar.gz");
  }

  /** Renders the test cluster with the real `accelmon render` (its kit_dir is the output directory). */
  private static void writeKit(Path dir, String loadThreshold) throws IOException {
    Path jar = accelmon;
    Path cluster = work.resolve("cluster.yaml");
    Files.writeString(cluster, Files.readString(REPO.resolve("dist/src/test/resources/rollout-cluster.yaml"))
        .replace("@KIT_DIR@", dir.toString()).replace("@LOAD_THRESHOLD@", loadThreshold)
        .replace("@PASSWORD_FILE@", passwordFile.toString()));
    Shell.Result r = Shell.run(REPO, 120, "java", "-jar", jar.toString(), "render", "--cluster", cluster.toString(),
        "--out", dir.toString());
    assertThat(r.rc()).as(r.output()).isZero();
  }

  private static String connectionInventory() {
    StringBuilder sb = new StringBuilder("all:\n  vars:\n    ansible_connection: community.docker.nsenter\n"
        + "    ansible_python_interpreter: /usr/bin/python3\n    accelmon_firewall: nftables\n  hosts:\n");
    LEADERS.forEach((h, pid) -> sb.append("    ").append(h).append(": {ansible_nsenter_pid: ").append(pid).append("}\n"));
    return sb.toString();
  }

  private static Shell.Result site(String... extra) {
    return playbook("site.yml", extra);
  }

  private static Shell.Result playbook(String playbook, String... extra) {
    List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", kit.resolve("ansible/inventory.yml").toString(),
        "-i", work.resolve("connection.yml").toString(), playbook));
    cmd.addAll(List.of(extra));
    Map<String, String> env = Map.of("ANSIBLE_CONFIG", REPO.resolve("ansible/ansible.cfg").toString(),
        "ANSIBLE_NOCOLOR", "1", "ANSIBLE_FORCE_COLOR", "0");
    return Shell.run(REPO.resolve("ansible"), env, 900, cmd);
  }

  private static Map<String, Integer> recap(Shell.Result r) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher m = RECAP.matcher(r.output().substring(r.output().lastIndexOf("PLAY RECAP")));
    while (m.find()) {
      out.put(m.group(1), Integer.parseInt(m.group(3)));
    }
    return out;
  }

  /** "host: task name" for every task that reported changed. */
  private static List<String> changedTasks(Shell.Result r) {
    List<String> out = new ArrayList<>();
    String task = "";
    for (String line : r.output().lines().toList()) {
      if (line.startsWith("TASK [")) {
        task = line.substring(6, line.lastIndexOf(']'));
      } else if (line.startsWith("changed: [")) {
        out.add(line.substring(10, line.indexOf(']')).replaceAll(" ->.*", "") + ": " + task);
      }
    }
    return out;
  }

  private static void assertNothingInstalled() {
    for (String h : HOSTS.keySet()) {
      assertThat(inHost(h, "sh", "-c", "ls -d /opt/accelmon /etc/accelmon /etc/systemd/system/accelmon-* "
          + "/var/lib/accelmon-hub 2>/dev/null; getent passwd accelmon").output().strip()).as("leftovers on %s", h).isEmpty();
    }
  }

  private static Shell.Result inHost(String host, String... cmd) {
    List<String> c = new ArrayList<>(List.of("nsenter", "-t", LEADERS.get(host), "-a"));
    c.addAll(List.of(cmd));
    return Shell.run(REPO, Map.of(), 60, c);
  }

  /** A program of this machine in the host's network namespace only (minbase has no curl). */
  private static Shell.Result inNet(String host, String... cmd) {
    List<String> c = new ArrayList<>(List.of("nsenter", "-t", LEADERS.get(host), "-n"));
    c.addAll(List.of(cmd));
    return Shell.run(REPO, Map.of(), 60, c);
  }

  /** The exporter's /metrics as the hub's Prometheus gets it: from the hub, over https, with the credentials. */
  private static String metrics(String host, int port) {
    Shell.Result r = curl("hub", "-f", "-u", USER + ":" + password, "https://" + HOSTS.get(host) + ":" + port + "/metrics");
    assertThat(r.rc()).as("%s:%d/metrics: %s", host, port, r.output()).isZero();
    return r.output();
  }

  /** GET on the hub's Prometheus (or Alertmanager) with the credentials. */
  private static String hubApi(String path) {
    Shell.Result r = curl("hub", "-f", "-u", USER + ":" + password, "https://10.77.0.2:9090" + path);
    assertThat(r.rc()).as(path + ": " + r.output()).isZero();
    return r.output();
  }

  /** curl in the host's network namespace, trusting the test CA. */
  private static Shell.Result curl(String host, String... args) {
    List<String> c = new ArrayList<>(List.of("curl", "-s", "--cacert", ca.toString()));
    c.addAll(List.of(args));
    return inNet(host, c.toArray(String[]::new));
  }

  /** The HTTP status of one request from the host (without credentials unless args add them). */
  private static String status(String host, String method, String url, String... args) {
    List<String> c = new ArrayList<>(List.of("--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "-X", method, url));
    c.addAll(List.of(args));
    Shell.Result r = curl(host, c.toArray(String[]::new));
    return r.output().strip();
  }

  private static String bridgeNamespace() {
    try {
      return Files.readString(work.resolve("netns")).strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A test CA and one certificate for all three addresses (server and client use), installed on every host at the
   * paths rollout-cluster.yaml names. The key is world-readable: the exporters (user accelmon) and, on the hub,
   * Prometheus and Alertmanager (user prometheus) all read it; real servers give those users a group instead.
   */
  private static Path issueCertificates(Path dir) throws IOException {
    Files.createDirectories(dir);
    String sans = String.join(",", HOSTS.values().stream().map(a -> "IP:" + a).toList());
    String script = "set -e\n"
        + "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 2"
        + " -subj /CN=accelmon-it-ca -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign\n"
        + "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout host.key -out host.csr"
        + " -subj /CN=accelmon-it\n"
        + "printf 'subjectAltName=" + sans + "\\nextendedKeyUsage=serverAuth,clientAuth\\n' > ext.cnf\n"
        + "openssl x509 -req -in host.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out host.crt -days 2 -extfile ext.cnf\n"
        + "chmod 0644 host.key\n";
    Shell.Result r = Shell.run(dir, Map.of(), 60, List.of("sh", "-c", script));
    assertThat(r.rc()).as(r.output()).isZero();
    for (String pid : LEADERS.values()) {
      Shell.Result put = Shell.run(dir, Map.of(), 60, List.of("sh", "-c", "tar -cf - ca.crt host.crt host.key | nsenter -t " + pid
          + " -a sh -c 'mkdir -p /etc/accelmon-it && tar -C /etc/accelmon-it --no-same-owner -xpf -'"));
      assertThat(put.rc()).as(put.output()).isZero();
    }
    return dir.resolve("ca.crt");
  }

  /** A sample of Prometheus' own /metrics (no scrape job needed). */
  private static double promValue(String metric) {
    String out = hubApi("/metrics");
    Matcher m = Pattern.compile("^" + metric + " (\\S+)$", Pattern.MULTILINE).matcher(out);
    assertThat(m.find()).as(metric + " in " + out).isTrue();
    return Double.parseDouble(m.group(1));
  }

}
