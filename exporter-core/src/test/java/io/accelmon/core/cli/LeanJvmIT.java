package io.accelmon.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A plain {@code java} start of an exporter main re-executes itself, same PID, with the small-heap flags. */
class LeanJvmIT {

    private record Run(long pid, String out) {
    }

    @Test
    void withoutHeapFlagsTheSameProcessRunsWithTheLeanFlags() throws Exception {
        Run ok = runProbe(List.of("-Dkept=yes"), Map.of());
        assertThat(ok.out()).contains("pid=" + ok.pid() + " flags=[" + String.join(", ", LeanJvm.FLAGS) + ", -Dkept=yes]");
    }

    @Test
    void aHeapFlagOrTheSwitchKeepsTheJvmAsStarted() throws Exception {
        assertThat(runProbe(List.of("-Xmx100m"), Map.of()).out()).contains("flags=[-Xmx100m]");
        assertThat(runProbe(List.of("-XX:MaxRAMPercentage=5"), Map.of()).out()).contains("flags=[-XX:MaxRAMPercentage=5]");
        assertThat(runProbe(List.of(), Map.of(LeanJvm.SWITCH, "0")).out()).contains("flags=[]");
    }

    @Test
    void theArgumentsArePassedOn() throws Exception {
        // picocli, after the re-exec, refuses the unknown argument: it arrived
        assertThat(runProbe(List.of(), Map.of(), "--surprise").out())
                .contains("lean-probe: Unknown option: '--surprise'");
    }

    private static Run runProbe(List<String> jvmFlags, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LeanJvmProbe.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(LeanJvm.SWITCH);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.pid(), out);
    }
}
