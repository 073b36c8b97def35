package io.accelmon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accelmon.core.scrape.ScrapeGuard;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job flags as an exporter parses them, including the documented --no- forms of the dotted switches. */
class JobsOptionsTest {

    private static JobsOptions parse(String... args) {
        JobsOptions options = new JobsOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void switchesDefaultOnAndTurnOffEitherWay() {
        JobsOptions defaults = parse();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.rankEnvironment()).isTrue();
        assertThat(defaults.interval).as("the exporter's own interval").isNull();

        assertThat(parse("--no-jobs.enabled").enabled()).isFalse();
        assertThat(parse("--jobs.enabled=false").enabled()).isFalse();
        assertThat(parse("--jobs.enabled").enabled()).isTrue();
        assertThat(parse("--no-jobs.rank-environment").rankEnvironment()).isFalse();
        assertThat(parse("--jobs.rank-environment=false").rankEnvironment()).isFalse();
        assertThat(parse("--jobs.interval=2s").interval).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aZeroScanIntervalIsAUsageErrorAndADisabledMonitorStartsNothing() throws Exception {
        ScrapeGuard guard = new ScrapeGuard("test", Duration.ofSeconds(1));
        assertThatThrownBy(() -> JobMonitoring.start(parse("--jobs.interval=0s"), List::of, Duration.ofSeconds(15),
                guard, new HashMap<>())).isInstanceOf(IOException.class).hasMessage("--jobs.interval: must be at least 1ms");
        assertThat(JobMonitoring.start(parse("--no-jobs.enabled"), List::of, Duration.ofSeconds(15), guard,
                new HashMap<>())).isNull();
    }
}
