package io.accelmon.provisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.PromDuration;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code accelmon check}: the cluster health-check script, answered from Prometheus' API instead of SSH. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Health of every server and exporter, from Prometheus' API (no SSH).",
            "Exit 0 all up, 1 something down or missing, 2 bad input or Prometheus unreachable."})
public final class CheckCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    /** Output formats. */
    public enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL", description = "Prometheus base URL, e.g. http://127.0.0.1:9090")
    String prometheus;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "cluster spec; its servers without any scrape target are reported as missing, and its"
                    + " security section gives the credentials unless --username/--ca-file do")
    Path cluster;

    @Mixin
    WebCredentials credentials = new WebCredentials();

    @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default ${DEFAULT-VALUE})")
    Output output;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", description = "per request (default ${DEFAULT-VALUE})",
            converter = DurationConverter.class)
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<ClusterSpec> clusterSpec = cluster == null ? Optional.empty() : Optional.of(ClusterServers.load(cluster));
            PrometheusApi api = new PrometheusApi(PrometheusApi.parseUrl(prometheus), timeout,
                    credentials.client(clusterSpec));
            List<ExpectedServer> expected = clusterSpec.map(ClusterServers::expected).orElse(List.of());
            HealthReport report = collect(api, expected);
            out.print(output == Output.json ? HealthJson.render(report) : HealthText.render(report));
            out.flush();
            return report.exitCode();
        } catch (IllegalArgumentException | ClusterServers.BadClusterFile e) {
            err.println("accelmon check: " + e.getMessage());
            return BAD_INPUT;
        } catch (PrometheusApi.PrometheusException e) {
            err.println("accelmon check: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    /** Asks Prometheus everything the report needs. */
    static HealthReport collect(PrometheusApi api, List<ExpectedServer> expected) throws PrometheusApi.PrometheusException {
        JsonNode targets = api.targets().path("activeTargets");
        Map<NodeQuery, JsonNode> node = new EnumMap<>(NodeQuery.class);
        for (NodeQuery q : NodeQuery.values()) {
            node.put(q, api.query(q.expr()));
        }
        List<ServiceStatus> services = new ArrayList<>();
        boolean ready = api.ready();
        services.add(new ServiceStatus("Prometheus", api.base().toString(),
                ready ? ServiceStatus.State.UP : ServiceStatus.State.DOWN, ready ? "ready" : "/-/ready not 200"));
        List<URI> ams = HealthReportBuilder.alertmanagers(api.alertmanagers());
        if (ams.isEmpty()) {
            services.add(new ServiceStatus("Alertmanager", "", ServiceStatus.State.UNKNOWN,
                    "Prometheus sends alerts to none"));
        }
        for (URI am : ams) {
            boolean healthy = api.probe(URI.create(am + "/-/healthy"));
            services.add(new ServiceStatus("Alertmanager", am.toString(),
                    healthy ? ServiceStatus.State.UP : ServiceStatus.State.DOWN,
                    healthy ? "healthy" : "/-/healthy not answering"));
        }
        services.add(HealthReportBuilder.grafana(targets));
        return HealthReportBuilder.build(api.base().toString(), targets, node, services, expected);
    }

    /** Parses Prometheus-style durations for options. */
    public static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return PromDuration.parse(value).toDuration();
        }
    }
}
