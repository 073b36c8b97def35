package io.accelmon.provisioning.cli;

import io.accelmon.provisioning.render.Kit;
import io.accelmon.provisioning.sizing.Hardware;
import io.accelmon.provisioning.sizing.Sizing;
import io.accelmon.provisioning.sizing.SizingText;
import io.accelmon.provisioning.spec.ClusterSpec;
import io.accelmon.provisioning.spec.ClusterSpecLoader;
import io.accelmon.provisioning.spec.SecurityWarnings;
import io.accelmon.provisioning.spec.SpecException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code accelmon validate}: every check render does, without writing anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a cluster spec; prints one FILE:LINE:COL: path: problem line per problem, exit 2.")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--cluster", required = true, paramLabel = "FILE", description = "cluster spec (cluster.yaml)")
    Path cluster;

    @Option(names = "--sizing", description = "also print the expected active series, samples/s, disk per retention "
            + "day and the scale_out.shards they call for")
    boolean sizing;

    @Option(names = "--cpus-per-server", defaultValue = "64", paramLabel = "N",
            description = "for --sizing (default ${DEFAULT-VALUE})")
    int cpus;

    @Option(names = "--gpus-per-server", defaultValue = "8", paramLabel = "N",
            description = "for --sizing, on servers with a gpu exporter (default ${DEFAULT-VALUE})")
    int gpus;

    @Option(names = "--npu-chips-per-server", defaultValue = "8", paramLabel = "N",
            description = "for --sizing, on servers with an npu exporter (default ${DEFAULT-VALUE})")
    int npuChips;

    @Override
    public Integer call() {
        try {
            ClusterSpec spec = ClusterSpecLoader.load(cluster);
            int files = Kit.render(spec).size();
            SecurityWarnings.of(spec).forEach(System.err::println);
            System.out.println(cluster + ": OK (" + spec.servers().size() + " servers, " + files + " files to render)");
            if (sizing) {
                Hardware hw = new Hardware(cpus, gpus, npuChips);
                System.out.print(SizingText.render(Sizing.estimate(spec, hw), hw, spec.scaleOut().shards()));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("accelmon validate: " + e.getMessage());
            return 2;
        } catch (SpecException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
    }
}
