package io.accelmon.provisioning.cli;

import io.accelmon.core.input.BoundedText;
import io.accelmon.provisioning.kit.KitRefused;
import io.accelmon.provisioning.kit.KitWriter;
import io.accelmon.provisioning.render.Dashboards;
import io.accelmon.provisioning.render.GrafanaProvisioning;
import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SecurityWarnings;
import io.accelmon.provisioning.spec.SpecException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code accelmon render}: validates the spec and writes the kit; on any problem exits 2 and leaves DIR untouched. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render Prometheus, rules, Alertmanager, Grafana and Ansible files from a cluster spec.")
public final class RenderCommand implements Callable<Integer> {

    @Option(names = "--cluster", required = true, paramLabel = "FILE", description = "cluster spec (cluster.yaml)")
    Path cluster;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "kit directory to create, or an earlier kit to update (files it did not write are kept)")
    Path out;

    @Option(names = "--kit-dir", paramLabel = "DIR", description = "the directory the kit is used from, instead of the"
            + " spec's cluster.kit_dir: Grafana's dashboard provider reads DIR/grafana/dashboards (give --out's"
            + " directory to point a Grafana at the kit where it is rendered)")
    Path kitDir;

    private static String where(IOException e) {
        return e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
    }

    @Override
    public Integer call() {
        ClusterSpec spec;
        try {
            spec = ClusterSpecLoader.load(cluster);
        } catch (SpecException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
        if (kitDir != null) {
            spec = spec.withKitDir(kitDir.toAbsolutePath().normalize().toString());
        }
        SecurityWarnings.of(spec).forEach(System.err::println);
        Map<String, String> files = Kit.render(spec);
        KitWriter.Outcome outcome;
        try {
            outcome = KitWriter.write(files, out);
        } catch (KitRefused e) {
            System.err.println("accelmon render: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("accelmon render: " + where(e) + BoundedText.reason(e));
            return 2;
        }
        System.out.println("rendered " + files.size() + " files into " + out);
        outcome.removed().forEach(f -> System.out.println("removed: " + f));
        outcome.kept().forEach(f -> System.out.println("kept: " + f));
        String dashboards = GrafanaProvisioning.dashboardsDir(spec);
        if (!out.toAbsolutePath().normalize().resolve(Dashboards.DIR).equals(Path.of(dashboards))) {
            System.out.println("note: Grafana's dashboard provider reads " + dashboards + " (kit_dir " + spec.kitDir()
                    + "): the Ansible hub role puts the dashboards there; to point a Grafana at this directory"
                    + " instead, render with --kit-dir " + out.toAbsolutePath().normalize());
        }
        return 0;
    }
}
