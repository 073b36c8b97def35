package io.accelmon.provisioning.check;

import io.accelmon.provisioning.render.CollectorTimeout;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bin/accelmon-stack} starts, read from the validated cluster file and printed as bash assignments
 * ({@code eval}-ed by the script), so the script never parses YAML itself. Only loopback clusters are accepted: the
 * stack starts everything on this machine.
 */
public final class StackPlan {

    private StackPlan() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StackPlan CLUSTER_FILE");
            System.exit(2);
        }
        try {
            System.out.print(plan(ClusterSpecLoader.load(Path.of(args[0]))));
        } catch (SpecException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static String plan(ClusterSpec spec) {
        List<String> node = new ArrayList<>();
        List<String> gpu = new ArrayList<>();
        List<String> npu = new ArrayList<>();
        List<String> api = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ClusterSpec.Server s : spec.servers()) {
            if (!s.address().equals("127.0.0.1") && !s.address().equals("localhost")) {
                throw new IllegalArgumentException(spec.source() + ": server " + s.name() + " is at " + s.address()
                        + "; the local stack only starts loopback clusters (use examples/local-cluster.yaml)");
            }
            s.exporter(ClusterSpec.ExporterKind.NODE).ifPresent(e -> node.add(s.name() + "=" + e.port()));
            s.exporter(ClusterSpec.ExporterKind.GPU).ifPresent(e -> gpu.add(s.name() + "=" + e.port()));
            s.exporter(ClusterSpec.ExporterKind.NPU).ifPresent(e -> npu.add(s.name() + "=" + e.port()));
            s.exporters().forEach((k, e) -> all.add(k.key() + "-" + s.name() + "=http://127.0.0.1:" + e.port() + "/metrics"));
        }
        for (ClusterSpec.ApiService a : spec.apiServices()) {
            api.add(a.name() + "=" + a.port());
            all.add(a.name() + "=http://127.0.0.1:" + a.port() + a.metricsPath());
        }
        return "PROMETHEUS_PORT=" + spec.hub().prometheusPort() + "\n"
                + "ALERTMANAGER_PORT=" + spec.hub().alertmanagerPort() + "\n"
                + "GRAFANA_PORT=" + spec.hub().grafanaPort() + "\n"
                // exporters answer before Prometheus gives up on the scrape (see CollectorTimeout)
                + "COLLECTOR_TIMEOUT_FLAG=" + CollectorTimeout.flag(spec.intervals().scrapeTimeout()) + "\n"
                + array("NODE_PORTS", node) + array("GPU_PORTS", gpu) + array("NPU_PORTS", npu)
                + array("API_PORTS", api) + array("ALL_TARGETS", all);
    }

    private static String array(String name, List<String> values) {
        StringBuilder b = new StringBuilder(name).append("=(");
        for (String v : values) {
            b.append(" '").append(v.replace("'", "")).append('\'');
        }
        return b.append(" )\n").toString();
    }
}
