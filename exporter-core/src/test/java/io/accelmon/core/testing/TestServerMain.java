package io.accelmon.core.testing;

import io.accelmon.core.cli.ExporterIdentity;
import io.accelmon.core.cli.ListenAddress;
import io.accelmon.core.http.ExporterServer;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * An exporter server in a JVM of its own, for tests of what a process sets once (TLS key-exchange groups, memory):
 * {@code java -cp <test class path> io.accelmon.core.testing.TestServerMain <exporter flags...>};
 * {@code -Dtest.series=N} adds N labelled series, for a scrape of realistic size.
 */
public final class TestServerMain {

    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge.builder().name("test_temperature_celsius").help("t").register(registry).set(42);
        int series = Integer.getInteger("test.series", 0);
        if (series > 0) {
            Gauge many = Gauge.builder().name("test_series_value").help("Series to make a scrape as big as a real one.")
                    .labelNames("device", "mode").register(registry);
            for (int i = 0; i < series; i++) {
                many.labelValues("dev" + i, i % 2 == 0 ? "read" : "write").set(i * 1.5);
            }
        }
        ExporterIdentity identity = new ExporterIdentity("test-exporter", "Test Exporter",
                ListenAddress.parse("127.0.0.1:0"), "0", "test");
        ExporterServer.start(identity, Options.of(args), registry).awaitTermination();
    }

    /** The command that runs this main with the test class path. */
    public static java.util.List<String> command(java.util.List<String> jvmOptions, java.util.List<String> args) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TestServerMain.class.getName());
        cmd.addAll(args);
        return cmd;
    }
}
