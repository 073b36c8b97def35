package io.accelmon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.accelmon.core.cli.ExporterCommandLine;
import org.junit.jupiter.api.Test;

class DemoApiMainTest {

    @Test
    void anUnusableWebConfigFileExitsTwo() {
        assertThat(ExporterCommandLine.execute("demo-api", new DemoApiMain(),
                new String[] {"--web.listen-address=127.0.0.1:0", "--web.config.file=/nonexistent.yml"}))
                .isEqualTo(ExporterCommandLine.EXIT_USAGE);
    }

    @Test
    void refusesNonsenseSimulationSettings() {
        assertThat(ExporterCommandLine.execute("demo-api", new DemoApiMain(),
                new String[] {"--web.listen-address=127.0.0.1:0", "--simulate.workers=0"}))
                .isEqualTo(ExporterCommandLine.EXIT_USAGE);
        assertThat(ExporterCommandLine.execute("demo-api", new DemoApiMain(), new String[] {"--no-such-flag"}))
                .isEqualTo(ExporterCommandLine.EXIT_USAGE);
    }

    @Test
    void helpExitsZero() {
        assertThat(ExporterCommandLine.execute("demo-api", new DemoApiMain(), new String[] {"--help"})).isZero();
    }
}
