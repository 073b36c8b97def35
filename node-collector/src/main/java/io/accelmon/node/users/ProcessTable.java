package io.accelmon.node.users;

import io.accelmon.node.source.ProcFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One pass over /proc/[pid]: stat and status of every process; processes that exit mid-pass are skipped. */
public final class ProcessTable {

    private final Path proc;

    public ProcessTable(ProcFiles files) {
        this.proc = files.proc();
    }

    public List<ProcessSample> read() throws IOException {
        List<ProcessSample> samples = new ArrayList<>(512);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                int pid;
                try {
                    pid = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                try {
                    samples.add(ProcessSample.parse(pid, ProcFiles.readProcessFile(dir.resolve("stat")),
                            ProcFiles.readProcessFile(dir.resolve("status"))));
                } catch (IOException | RuntimeException exited) {
                    // the process ended between listing and reading: its CPU was counted on earlier scrapes
                }
            }
        }
        return samples;
    }
}
