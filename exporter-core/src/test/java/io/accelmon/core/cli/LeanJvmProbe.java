package io.accelmon.core.cli;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** An exporter-like main for {@link LeanJvmIT}: prints its PID and JVM flags, then exits. */
@Command(name = "lean-probe")
final class LeanJvmProbe implements Callable<Integer> {

    public static void main(String[] args) {
        ExporterCommandLine.main("lean-probe", new LeanJvmProbe(), args);
    }

    @Override
    public Integer call() {
        System.out.println("pid=" + ProcessHandle.current().pid() + " flags="
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        return 0;
    }
}
