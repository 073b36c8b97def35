package io.accelmon.provisioning.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.accelmon.provisioning.check.CheckCommand;
import io.accelmon.provisioning.check.PrometheusApi;
import io.accelmon.provisioning.check.WebCredentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code accelmon usage}: per-user GPU and CPU accounting, measured by Prometheus. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Per user and server over [from, to]: GPU hours held and SM-busy hours by",
            "model, CPU core hours, peak GPU memory; with --prices the cost (gpu_model",
            "substring per GPU-minute, CPU_CORE per core-minute; the file's gpu_charge:",
            "held (default) or sm-busy says which GPU minutes are charged).",
            "Measures and reports; it does not throttle or charge anyone.",
            "Exit 2 on bad input or Prometheus unreachable."})
public final class UsageCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    /** Output formats. */
    public enum Output { table, csv, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL", description = "Prometheus base URL")
    String prometheus;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "start: RFC 3339, a date (UTC), unix seconds, 'now' or relative (-1h, now-30m)")
    String from;

    @Option(names = "--to", defaultValue = "now", paramLabel = "TIME", description = "end (default ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--prices", paramLabel = "FILE", description = "prices YAML (see examples/prices.yaml)")
    Path prices;

    @Mixin
    WebCredentials credentials = new WebCredentials();

    @Option(names = "--step", defaultValue = "1m", paramLabel = "DURATION",
            description = "GPU sampling resolution (default ${DEFAULT-VALUE})", converter = CheckCommand.DurationConverter.class)
    Duration step;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json (default ${DEFAULT-VALUE})")
    Output output;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", description = "per request (default ${DEFAULT-VALUE})",
            converter = CheckCommand.DurationConverter.class)
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Instant now = Instant.now();
            ReportWindow window = ReportWindow.parse(from, to, step, now);
            Instant start = window.start();
            Instant end = window.end();
            Optional<PriceList> priceList = prices == null ? Optional.empty() : Optional.of(PriceList.load(prices));
            PrometheusApi api = new PrometheusApi(PrometheusApi.parseUrl(prometheus), timeout,
                    credentials.client(Optional.empty()));
            UsageReport report = measure(api, start, end, step, priceList);
            out.print(switch (output) {
                case table -> UsageFormat.table(report);
                case csv -> UsageFormat.csv(report);
                case json -> UsageFormat.json(report);
            });
            out.flush();
            if (output != Output.json) {
                report.warnings().forEach(w -> err.println("accelmon usage: warning: " + w));
            }
            return 0;
        } catch (IllegalArgumentException | PriceList.BadPrices | PrometheusApi.PrometheusException e) {
            err.println("accelmon usage: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    static UsageReport measure(PrometheusApi api, Instant start, Instant end, Duration step, Optional<PriceList> prices)
            throws PrometheusApi.PrometheusException {
        JsonNode gpus = api.queryRange(UsageQueries.GPUS_IN_USE, start, end, step);
        JsonNode memory = api.queryRange(UsageQueries.GPU_MEMORY, start, end, step);
        Duration window = Duration.ofSeconds(Math.max(1, Duration.between(start, end).toSeconds()));
        JsonNode smBusy = api.query(UsageQueries.gpuSmBusySeconds(window), end);
        JsonNode cpu = api.query(UsageQueries.cpuCoreSeconds(window), end);
        List<UsageRow> rows = UsageCalculator.rows(gpus, memory, smBusy, cpu, end, step);
        return new UsageReport(start, end, step, rows, prices);
    }
}
