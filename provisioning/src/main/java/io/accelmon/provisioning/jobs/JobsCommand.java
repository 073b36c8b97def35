package io.accelmon.provisioning.jobs;

import io.accelmon.provisioning.check.CheckCommand;
import io.accelmon.provisioning.check.PrometheusApi;
import io.accelmon.provisioning.check.WebCredentials;
import io.accelmon.provisioning.usage.ReportWindow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code accelmon jobs}: the AI job history from Prometheus over a time range, filtered, with cluster statistics. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"The AI jobs the exporters' job monitor saw over [from, to], from Prometheus: server, user,",
            "framework, type, job name, distributed job and rank, first/last seen, status (running, ended, lost),",
            "devices, CPU seconds, peak resident and device memory. --stats sums jobs and device-hours by user,",
            "framework and type. Exit 2 on bad input or Prometheus unreachable."})
public final class JobsCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    /** Output formats. */
    public enum Output { table, csv, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL", description = "Prometheus base URL")
    String prometheus;

    @Option(names = "--from", defaultValue = "-24h", paramLabel = "TIME",
            description = "start: RFC 3339, a date (UTC), unix seconds, 'now' or relative (default ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--to", defaultValue = "now", paramLabel = "TIME", description = "end (default ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--server", paramLabel = "NAME", split = ",", description = "only these servers (server_name)")
    Set<String> servers;

    @Option(names = "--job-user", paramLabel = "USER", split = ",",
            description = "only jobs of these users (--user is the Prometheus basic-auth user)")
    Set<String> users;

    @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "running, ended and/or lost")
    Set<JobRecord.Status> statuses;

    @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "training, inference and/or unknown")
    Set<String> types;

    @Option(names = "--stats", description = "print the summary (jobs and device-hours by user, framework, type)")
    boolean stats;

    @Option(names = "--lost-after", defaultValue = "5m", paramLabel = "DURATION",
            converter = CheckCommand.DurationConverter.class,
            description = "a job not seen for this long is no longer running (default ${DEFAULT-VALUE})")
    Duration lostAfter;

    @Option(names = "--step", defaultValue = "1m", paramLabel = "DURATION", converter = CheckCommand.DurationConverter.class,
            description = "resolution for telling ended from lost; about the scrape interval (default ${DEFAULT-VALUE})")
    Duration step;

    @Mixin
    WebCredentials credentials = new WebCredentials();

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
            PrometheusApi api = new PrometheusApi(PrometheusApi.parseUrl(prometheus), timeout,
                    credentials.client(Optional.empty()));
            List<JobRecord> jobs = JobHistory.read(api, start, end, step, lostAfter).stream()
                    .filter(j -> servers == null || servers.contains(j.server()))
                    .filter(j -> users == null || users.contains(j.user()))
                    .filter(j -> statuses == null || statuses.contains(j.status()))
                    .filter(j -> types == null || types.contains(j.type()))
                    .toList();
            out.print(stats ? JobsFormat.stats(jobs, start, end) : switch (output) {
                case table -> JobsFormat.table(jobs);
                case csv -> JobsFormat.csv(jobs);
                case json -> JobsFormat.json(jobs, start, end);
            });
            out.flush();
            return 0;
        } catch (IllegalArgumentException | PrometheusApi.PrometheusException e) {
            err.println("accelmon jobs: " + e.getMessage());
            return BAD_INPUT;
        }
    }
}
