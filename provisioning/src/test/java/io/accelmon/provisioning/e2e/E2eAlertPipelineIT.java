package io.accelmon.provisioning.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accelmon.core.testing.Await;
import io.accelmon.provisioning.check.CommandRun;
import io.accelmon.provisioning.check.PrometheusApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's promise shown working on one {@link E2eStack} (local-cluster.yaml rendered and run for real on loopback):
 * the alerts arrive, resolve, inhibit and deduplicate as the rendered files say, and
 * {@code accelmon usage} bills two real system users' CPU and the fake GPU's per-process memory and SM-busy time to
 * the right user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class E2eAlertPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GPU_BYTES = 1L << 30;
    /** What the fake driver's utilization samples say alice's and bob's processes keep the SMs busy, in percent. */
    private static final int ALICE_SM_PERCENT = 50;
    private static final int BOB_SM_PERCENT = 25;

    private E2eStack stack;
    private final List<AutoCloseable> usageFixtures = new ArrayList<>();
    private SystemUser alice;
    private SystemUser bob;
    private CpuBurner aliceJob;
    private CpuBurner bobJob;
    private Instant burnersStarted;
    private Instant gpuHeldFrom;

    @BeforeAll
    void startStack(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        stack = E2eStack.start(tmp);
        awaitTrue("both alertmanagers see each other",
                () -> peers(stack.alertmanager) == 2 && peers(stack.peerAlertmanager) == 2);
        awaitTrue("every target up", () -> {
            JsonNode t = stack.prom.targets().path("activeTargets");
            return t.size() >= 8 && all(t, x -> "up".equals(x.path("health").asText()));
        });
        System.out.printf("e2e stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (SystemUser.canCreate()) {
            // The accounting users: two system users burn CPU while the alert checks run; alice also holds GPU memory,
            // bob's process none that the driver reports; both keep the SMs busy.
            alice = SystemUser.create("amalice");
            usageFixtures.add(alice);
            bob = SystemUser.create("ambob");
            usageFixtures.add(bob);
            burnersStarted = Instant.now();
            aliceJob = CpuBurner.start(alice, Duration.ofSeconds(4), Duration.ofSeconds(20));
            usageFixtures.add(aliceJob);
            bobJob = CpuBurner.start(bob, Duration.ofSeconds(4), Duration.ofSeconds(12));
            usageFixtures.add(bobJob);
            stack.gpuProcesses(Map.of(aliceJob.pid(), GPU_BYTES, bobJob.pid(), 0L),
                    Map.of(aliceJob.pid(), ALICE_SM_PERCENT, bobJob.pid(), BOB_SM_PERCENT));
            gpuHeldFrom = Instant.now(); // the fake driver reports the processes from here, not from the burners' start
        }
    }

    @AfterAll
    void stopStack() {
        // burners before their users (userdel refuses a user with running processes), the stack last
        for (int i = usageFixtures.size() - 1; i >= 0; i--) {
            try {
                usageFixtures.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void alertsFlowFromExportersToEmailAndWebhook() throws Exception {
        long t0 = System.nanoTime();
        Mailbox mail = stack.mail;
        WebhookReceiver hook = stack.hook;
        RealAlertmanager alertmanager = stack.alertmanager;
        PrometheusApi prom = stack.prom;
        String promUrl = stack.promUrl;
        int am1 = stack.cluster.port("hub.alertmanager_port");

        // one slow scrape of a freshly started exporter reads as a target down: check until all are healthy
        CommandRun healthy = Await.until(WAIT, () -> CommandRun.of("check", "--prometheus", promUrl, "--cluster",
                stack.clusterFile.toString()), r -> r.exitCode() == 0);
        assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
        assertThat(healthy.out()).contains("[server] training (TRS, 127.0.0.1, singapore) - reachable")
                .containsPattern("Alertmanager +http://127.0.0.1:" + am1 + " +UP");

        // (1) GPUHighTemperature at 85 °C: by email and webhook, with the rule's labels.
        Mailbox.Mail gpuMail = awaitValue("GPUHighTemperature email for training", () -> mail.mails().stream()
                .filter(m -> m.subject().contains("GPUHighTemperature") && m.all().contains("training")
                        && m.subject().startsWith("[FIRING")).findFirst().orElse(null));
        assertThat(gpuMail.all()).contains("GPUHighTemperature").contains("training").contains("gpu")
                .contains("warning");
        JsonNode gpuAlert = awaitValue("GPUHighTemperature webhook for training", () -> alertIn(hook,
                "firing", "GPUHighTemperature", "training", "warning"));
        assertThat(gpuAlert.path("labels").path("gpu").asText()).isEqualTo("0");
        assertThat(gpuAlert.path("labels").path("hostname").asText()).isEqualTo("TRS");
        assertThat(gpuAlert.path("annotations").path("summary").asText()).isNotBlank();
        assertThat(gpuAlert.path("annotations").path("runbook_url").asText()).endsWith("#gpuhightemperature");

        // (3) 95 °C on lab: critical delivered, its warning twin inhibited by the inhibit rule.
        awaitValue("critical GPUHighTemperature webhook for lab", () -> alertIn(hook, "firing",
                "GPUHighTemperature", "lab", "critical"));
        JsonNode inhibited = awaitValue(() -> "lab's warning twin inhibited in Alertmanager; its alerts: "
                + alertmanager.alerts() + "; Prometheus: " + prom.query("ALERTS{server=\"lab\"}"), () -> {
            for (JsonNode a : alertmanager.alerts()) {
                JsonNode l = a.path("labels");
                if (l.path("alertname").asText().equals("GPUHighTemperature") && l.path("server").asText().equals("lab")
                        && l.path("severity").asText().equals("warning")
                        && a.path("status").path("inhibitedBy").size() > 0) {
                    return a;
                }
            }
            return null;
        });
        assertThat(inhibited.path("status").path("state").asText()).isEqualTo("suppressed");

        // (2) Stop the inference server's node-collector: ServerDown on both receivers; restart: resolved.
        stack.stopNode("inference");
        Mailbox.Mail downMail = awaitValue("ServerDown email", () -> mail.mails().stream()
                .filter(m -> m.subject().startsWith("[FIRING") && m.subject().contains("ServerDown")
                        && m.subject().contains("node-inference")).findFirst()
                .orElse(null));
        assertThat(downMail.all()).contains("inference");
        JsonNode down = awaitValue("ServerDown webhook", () -> alertIn(hook, "firing", "ServerDown", "inference",
                "critical"));
        assertThat(down.path("labels").path("job").asText()).isEqualTo("node-inference");
        CommandRun broken = CommandRun.of("check", "--prometheus", promUrl);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("node-inference +127.0.0.1:\\d+ +DOWN");

        stack.startNode("inference");
        awaitValue("ServerDown resolved on the webhook", () -> alertIn(hook, "resolved", "ServerDown",
                "inference", "critical"));
        awaitValue("ServerDown resolved by email", () -> mail.mails().stream()
                .filter(m -> m.subject().startsWith("[RESOLVED") && m.subject().contains("ServerDown")
                        && m.subject().contains("node-inference")).findFirst()
                .orElse(null));

        // The warning twin on lab never reached anyone.
        assertThat(hook.payloads()).flatMap(p -> list(p.path("alerts"))).noneMatch(a ->
                a.path("labels").path("server").asText().equals("lab")
                        && a.path("labels").path("severity").asText().equals("warning"));

        // (4) Two clustered Alertmanagers, one email per alert group and state: wait past the peer's
        // dedup window (the peer wait it runs with), then no subject (group labels + state) may have arrived twice. Both Alertmanagers hold the
        // alerts (Prometheus sends to each), so without the gossiped notification log every email would come twice.
        for (RealAlertmanager am : List.of(alertmanager, stack.peerAlertmanager)) {
            assertThat(list(am.alerts())).as(am.url() + " holds the firing GPU alerts").anyMatch(a ->
                    a.path("labels").path("alertname").asText().equals("GPUHighTemperature")
                            && a.path("labels").path("server").asText().equals("training"));
        }
        Thread.sleep(stack.peerWait.plusSeconds(4).toMillis());
        Map<String, Integer> bySubject = new TreeMap<>();
        mail.mails().forEach(m -> bySubject.merge(m.subject(), 1, Integer::sum));
        // which Alertmanager sent what: a second sender means the gossip came late, one sender twice a re-fired alert
        List<String> deliveries = new ArrayList<>();
        hook.payloads().forEach(p -> deliveries.add(p.path("externalURL").asText() + " " + p.path("status").asText()
                + " " + p.path("groupKey").asText()));
        assertThat(bySubject).as("emails per subject; webhook deliveries " + deliveries).isNotEmpty()
                .allSatisfy((s, n) -> assertThat(n).as(s).isOne());
        assertThat(bySubject.keySet()).as("groups emailed").anyMatch(s -> s.startsWith("[FIRING")
                && s.contains("GPUHighTemperature")).anyMatch(s -> s.startsWith("[RESOLVED") && s.contains("ServerDown"));
        Map<String, Integer> hooksByGroup = new TreeMap<>();
        hook.payloads().forEach(p -> hooksByGroup.merge(p.path("groupKey").asText() + " " + p.path("status").asText()
                + " " + p.path("alerts").size(), 1, Integer::sum));
        assertThat(hooksByGroup).allSatisfy((g, n) -> assertThat(n).as(g).isOne());
        long took = (System.nanoTime() - t0) / 1_000_000_000;
        System.out.printf("alert pipeline checks took %d s; over them, per job: slowest scrape, failed scrapes, slowest"
                + " GPU read: %s %s %s%n", took,
                perJob(prom.query("max by (job) (max_over_time(scrape_duration_seconds[" + took + "s]))")),
                perJob(prom.query("sum by (job) (count_over_time((up == 0)[" + took + "s:]))")),
                perJob(prom.query("max by (job) (max_over_time(gpu_exporter_collector_duration_seconds[" + took + "s]))")));
    }

    /**
     * Per-user accounting, measured for real: two system users' processes burn CPU for a known time; {@code accelmon usage}
     * reports each user's CPU core-seconds within 10 % of {@code /proc}, the fake GPU's per-process memory (alice's
     * pid) lands on alice only, and each user's SM-busy time is the driver's per-process utilization times the time
     * held, bob's too although his process shows no memory; priced by SM-busy time when the prices file says so.
     */
    @Test
    @Order(2)
    void usageReportPutsCpuAndGpuOnTheRightUsers(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(aliceJob != null, "creating system users needs root (useradd, setpriv)");
        aliceJob.awaitBurnt();
        bobJob.awaitBurnt();
        double aliceCpu = aliceJob.cpuSeconds();
        double bobCpu = bobJob.cpuSeconds();
        Thread.sleep(1000);
        assertThat(aliceJob.cpuSeconds()).as("alice's job is done spinning").isCloseTo(aliceCpu, within(0.05));
        assertThat(aliceCpu).as("alice's CPU seconds from /proc").isGreaterThan(0.5);
        assertThat(bobCpu).as("bob's CPU seconds from /proc").isGreaterThan(0.5);
        // Both final values scraped (the node-collector's ledger reads the same /proc ticks), then the window ends
        // right after a fresh scrape: increase() extrapolates the average rate from the last sample to the window's
        // end, which over this short window (~30 s, 2 s scrapes) could add up to 7 %; over a real bill's hours, nothing.
        awaitTrue("the users' final CPU counters scraped", () -> scrapedCpu(alice) >= aliceCpu - 0.02
                && scrapedCpu(bob) >= bobCpu - 0.02);
        double scrapedAt = lastScrape(alice);
        awaitTrue("one more scrape of node-training", () -> lastScrape(alice) > scrapedAt);
        Instant to = Instant.now();
        Instant from = burnersStarted.minusSeconds(5);
        CommandRun usage = CommandRun.of("usage", "--prometheus", stack.promUrl, "--from", from.toString(),
                "--to", to.toString(), "--step", "1s", "--output", "json");
        assertThat(usage.exitCode()).as(usage.out() + usage.err()).isZero();
        JsonNode report = JSON.readTree(usage.out());
        JsonNode aliceRow = row(report, alice.name());
        JsonNode bobRow = row(report, bob.name());
        double aliceReported = aliceRow.path("cpu_core_seconds").asDouble();
        double bobReported = bobRow.path("cpu_core_seconds").asDouble();
        double aliceGpuSeconds = aliceRow.path("gpu_hours_by_model").path("NVIDIA H100 80GB HBM3").asDouble() * 3600;
        double heldGpu = Duration.between(gpuHeldFrom, to).toMillis() / 1000.0;
        System.out.printf("usage: alice CPU /proc %.2f s, report %.2f s (%+.1f %%); bob CPU /proc %.2f s, report %.2f s"
                        + " (%+.1f %%); alice GPU held %.1f s, report %.1f s%n", aliceCpu, aliceReported,
                100 * (aliceReported / aliceCpu - 1), bobCpu, bobReported, 100 * (bobReported / bobCpu - 1), heldGpu,
                aliceGpuSeconds);
        String samples = "samples: " + stack.prom.query("accelmon_user_cpu_seconds_total{user=~\"" + alice.name() + "|"
                + bob.name() + "\"}[" + Duration.between(from, to).toSeconds() + "s]", to);
        assertThat(aliceReported).as("alice's CPU core-seconds vs /proc; " + samples)
                .isCloseTo(aliceCpu, withinPercentage(10));
        assertThat(bobReported).as("bob's CPU core-seconds vs /proc; " + samples).isCloseTo(bobCpu, withinPercentage(10));
        assertThat(aliceRow.path("cpu_core_hours").asDouble()).isCloseTo(aliceReported / 3600, within(1e-9));

        // The fake GPU's compute process is alice's pid: her GPU time and memory, none of it on bob.
        assertThat(aliceRow.path("peak_gpu_memory_bytes").asDouble()).isEqualTo((double) GPU_BYTES);
        assertThat(aliceGpuSeconds).as("alice's H100 seconds vs the time her process held it")
                .isCloseTo(heldGpu, withinPercentage(10));
        assertThat(bobRow.path("gpu_hours_by_model").size()).isZero();
        assertThat(bobRow.path("peak_gpu_memory_bytes").asDouble()).isZero();

        // SM-busy: gpu-exporter's per-user counter, increase() over the window, for each user's own share.
        String h100 = "NVIDIA H100 80GB HBM3";
        double aliceBusy = aliceRow.path("gpu_sm_busy_hours_by_model").path(h100).asDouble() * 3600;
        double bobBusy = bobRow.path("gpu_sm_busy_hours_by_model").path(h100).asDouble() * 3600;
        System.out.printf("usage: SM-busy alice %.1f s (%d %% of %.1f s held = %.1f s), bob %.1f s (%d %% = %.1f s)%n",
                aliceBusy, ALICE_SM_PERCENT, heldGpu, heldGpu * ALICE_SM_PERCENT / 100, bobBusy, BOB_SM_PERCENT,
                heldGpu * BOB_SM_PERCENT / 100);
        String counters = "counters: " + stack.prom.query("gpu_user_sm_busy_seconds_total[" + Duration.between(from, to)
                .toSeconds() + "s]", to);
        assertThat(aliceBusy).as("alice's SM-busy seconds; " + counters)
                .isCloseTo(heldGpu * ALICE_SM_PERCENT / 100, withinPercentage(15));
        assertThat(bobBusy).as("bob's SM-busy seconds, no memory held; " + counters)
                .isCloseTo(heldGpu * BOB_SM_PERCENT / 100, withinPercentage(15));
        JsonNode bobGpuLine = line(report, bob.name(), h100);
        assertThat(bobGpuLine.path("hours").asDouble()).as("bob held nothing").isZero();
        assertThat(bobGpuLine.path("sm_busy_hours").asDouble()).isCloseTo(bobBusy / 3600, within(1e-9));

        // The same window priced per SM-busy GPU-minute: alice's H100 line costs her busy minutes, not her held ones.
        Path prices = Files.writeString(tmp.resolve("prices.yaml"), "currency: CNY\ngpu_charge: sm-busy\n"
                + "prices:\n  - gpu_model: H100\n    price_per_minute: 1.0\n  - gpu_model: CPU_CORE\n"
                + "    price_per_minute: 0.02\n");
        CommandRun priced = CommandRun.of("usage", "--prometheus", stack.promUrl, "--from", from.toString(),
                "--to", to.toString(), "--step", "1s", "--output", "json", "--prices", prices.toString());
        assertThat(priced.exitCode()).as(priced.out() + priced.err()).isZero();
        JsonNode pricedReport = JSON.readTree(priced.out());
        assertThat(pricedReport.path("gpu_charge").asText()).isEqualTo("sm-busy");
        JsonNode aliceGpuLine = line(pricedReport, alice.name(), h100);
        assertThat(aliceGpuLine.path("charged_hours").asDouble()).isCloseTo(aliceBusy / 3600, within(1e-9));
        assertThat(aliceGpuLine.path("cost").asDouble()).isCloseTo(aliceBusy / 60, within(1e-6));
        assertThat(line(pricedReport, bob.name(), h100).path("cost").asDouble()).isCloseTo(bobBusy / 60, within(1e-6));
    }

    private static JsonNode line(JsonNode report, String user, String resource) {
        for (JsonNode l : report.path("lines")) {
            if (l.path("user").asText().equals(user) && l.path("server").asText().equals("training")
                    && l.path("resource").asText().equals(resource)) {
                return l;
            }
        }
        throw new AssertionError("no " + resource + " line for " + user + " on training in " + report);
    }

    private double scrapedCpu(SystemUser user) throws Exception {
        JsonNode r = stack.prom.query("sum(accelmon_user_cpu_seconds_total{server=\"training\",user=\""
                + user.name() + "\"})");
        return r.size() == 0 ? -1 : Double.parseDouble(r.get(0).path("value").path(1).asText());
    }

    private double lastScrape(SystemUser user) throws Exception {
        JsonNode r = stack.prom.query("timestamp(accelmon_user_cpu_seconds_total{server=\"training\",user=\""
                + user.name() + "\"})");
        return r.size() == 0 ? -1 : Double.parseDouble(r.get(0).path("value").path(1).asText());
    }

    private static String perJob(JsonNode vector) {
        Map<String, String> byJob = new TreeMap<>();
        vector.forEach(r -> byJob.put(r.path("metric").path("job").asText(), r.path("value").path(1).asText()));
        return byJob.toString();
    }

    private static JsonNode row(JsonNode report, String user) {
        for (JsonNode r : report.path("usage")) {
            if (r.path("user").asText().equals(user) && r.path("server").asText().equals("training")) {
                return r;
            }
        }
        throw new AssertionError("no usage row for " + user + " on training in " + report);
    }

    private static int peers(RealAlertmanager am) throws Exception {
        return am.status().path("cluster").path("peers").size();
    }

    private static JsonNode alertIn(WebhookReceiver hook, String status, String alertname, String server,
                                    String severity) {
        for (JsonNode p : hook.payloads()) {
            for (JsonNode a : p.path("alerts")) {
                JsonNode l = a.path("labels");
                if (a.path("status").asText().equals(status) && l.path("alertname").asText().equals(alertname)
                        && l.path("server").asText().equals(server) && l.path("severity").asText().equals(severity)) {
                    return a;
                }
            }
        }
        return null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    private static boolean all(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (!p.test(n)) {
                return false;
            }
        }
        return true;
    }

    /** A check that may throw while things start. */
    interface Probe<T> {
        T get() throws Exception;
    }

    static void awaitTrue(String what, Probe<Boolean> probe) throws Exception {
        awaitValue(what, () -> Boolean.TRUE.equals(probe.get()) ? Boolean.TRUE : null);
    }

    static <T> T awaitValue(String what, Probe<T> probe) throws Exception {
        return awaitValue(() -> what, probe);
    }

    static <T> T awaitValue(Probe<String> what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = probe.get();
                if (v != null) {
                    return v;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + WAIT + ": " + what.get() + (last == null ? "" : " (last error: " + last + ")"));
    }
}
