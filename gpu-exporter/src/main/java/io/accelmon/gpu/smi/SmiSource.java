package io.accelmon.gpu.smi;

import io.accelmon.core.process.ProcessResult;
import io.accelmon.core.process.ProcessRunner;
import io.accelmon.gpu.model.GpuDevice;
import io.accelmon.gpu.model.GpuProcess;
import io.accelmon.gpu.model.GpuSnapshot;
import io.accelmon.gpu.model.GpuSource;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the GPUs by running {@code nvidia-smi} twice (devices, then compute processes) through exporter-core's
 * {@link ProcessRunner}: both runs share one deadline, a hung run is killed with its tree at the deadline.
 * Output that is not the CSV asked for counts a parse error and fails the read.
 */
public final class SmiSource implements GpuSource {

    private static final Logger LOG = Logger.getLogger(SmiSource.class.getName());

    private final String binary;
    private final SmiQuery query;
    private final Duration timeout;
    private final Runnable onParseError;
    private final ProcessRunner runner = new ProcessRunner();

    SmiSource(String binary, SmiQuery query, Duration timeout, Runnable onParseError) {
        this.binary = binary;
        this.query = query;
        this.timeout = timeout;
        this.onParseError = onParseError;
    }

    /**
     * Probes {@code binary --help-query-gpu} once to choose the fields; fails when nvidia-smi cannot be run or does
     * not answer the probe.
     */
    public static SmiSource open(String binary, Duration timeout, Runnable onParseError) throws IOException {
        ProcessResult help = new ProcessRunner().run(List.of(binary, "--help-query-gpu"), timeout);
        if (!help.succeeded()) {
            throw new IOException("nvidia-smi --help-query-gpu: " + help.describeFailure());
        }
        SmiQuery query;
        try {
            query = SmiQuery.fromHelp(help.stdout());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        LOG.fine(() -> "nvidia-smi fields: " + query.argument());
        return new SmiSource(binary, query, timeout, onParseError);
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    public SmiQuery query() {
        return query;
    }

    @Override
    public GpuSnapshot read() throws IOException, SmiParseException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String gpuCsv = run(List.of(binary, "--query-gpu=" + query.argument(), "--format=csv,noheader,nounits"),
                deadline);
        GpuSnapshot devices = parse(() -> SmiCsvParser.parseGpus(query, gpuCsv));
        String appsCsv = run(List.of(binary, "--query-compute-apps=" + SmiCsvParser.APPS_FIELDS,
                "--format=csv,noheader,nounits"), deadline);
        Map<String, Integer> indexByUuid = new HashMap<>();
        for (GpuDevice d : devices.devices()) {
            indexByUuid.put(d.uuid(), d.index());
        }
        List<GpuProcess> processes = parse(() -> SmiCsvParser.parseApps(appsCsv, indexByUuid));
        return new GpuSnapshot(devices.driverVersion(), devices.devices(), processes);
    }

    private String run(List<String> command, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("no time left for " + command.get(1));
        }
        ProcessResult result = runner.run(command, Duration.ofNanos(left));
        if (!result.succeeded()) {
            throw new IOException(result.describeFailure()
                    + (result.stdout().isBlank() ? "" : ": " + result.stdout().strip().lines().findFirst().orElse("")));
        }
        if (result.truncated()) {
            onParseError.run();
            throw new IOException(command.get(0) + " printed more than the output cap");
        }
        return result.stdout();
    }

    private <T> T parse(Parse<T> parse) throws SmiParseException {
        try {
            return parse.run();
        } catch (SmiParseException e) {
            onParseError.run();
            throw e;
        }
    }

    private interface Parse<T> {
        T run() throws SmiParseException;
    }
}
