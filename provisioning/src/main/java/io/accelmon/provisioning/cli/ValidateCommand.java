package io.accelmon.provisioning.cli;

import io.accelmon.provisioning.render.Kit;
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

    @Override
    public Integer call() {
        try {
            ClusterSpec spec = ClusterSpecLoader.load(cluster);
            int files = Kit.render(spec).size();
            SecurityWarnings.of(spec).forEach(System.err::println);
            System.out.println(cluster + ": OK (" + spec.servers().size() + " servers, " + files + " files to render)");
            return 0;
        } catch (SpecException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
    }
}
