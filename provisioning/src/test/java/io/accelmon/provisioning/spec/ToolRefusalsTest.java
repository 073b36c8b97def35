package io.accelmon.provisioning.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What promtool or amtool would refuse is refused here first, each with one line naming the key. */
class ToolRefusalsTest {

    private static void refused(String yaml, String expected) {
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"), ClusterSpecLoaderTest.minimal() + yaml))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected));
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
                });
    }

    @Test
    void alertmanagerIntervalsMustBePositive() {
        refused("alerting: {repeat_interval: 0s}\n", "alerting.repeat_interval: must be greater than 0");
        refused("alerting: {group_interval: 0s}\n", "alerting.group_interval: must be greater than 0");
    }

    @Test
    void durationsBeyondPrometheusRangeAreRefused() {
        refused("intervals: {scrape: 300y}\n", "intervals.scrape: '300y' is longer than Prometheus' longest duration");
    }

    @Test
    void remoteWriteNamesAreUniqueAndReservedHeadersRefused() {
        refused("scale_out:\n  remote_write:\n    - {name: a, url: 'https://x/w'}\n    - {name: a, url: 'https://y/w'}\n",
                "c.yaml:8:14: scale_out.remote_write[1].name: duplicate remote_write name 'a'");
        refused("scale_out:\n  remote_write:\n    - {url: 'https://x/w', headers: {authorization: 'Bearer x'}}\n",
                "scale_out.remote_write[0].headers.authorization: header 'authorization' is set by Prometheus");
        refused("scale_out:\n  remote_write:\n    - {url: 'https://x/w', headers: {'X Bad': y}}\n",
                "'X Bad' is not an HTTP header name");
    }

    @Test
    void controlCharactersAreRefusedAnywhereAndNeverSplitTheMessage() {
        refused("cluster: {kit_dir: \"/etc/a\\nb\"}\n", "cluster.kit_dir: contains the control character U+000A");
        refused("scale_out:\n  remote_write:\n    - {url: 'https://x/w', headers: {X-Org: \"a\\rb\"}}\n",
                "headers.X-Org: contains the control character U+000D");
        assertThatThrownBy(() -> ClusterSpecLoader.parse(Path.of("c.yaml"),
                "servers:\n  - name: hub\n    hostname: \"evil\\nc.yaml:1:1: fake\"\n    address: 10.0.0.1\n"
                        + "    exporters: {node: {}}\n"))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("c.yaml:3:15: servers[0].hostname: contains the control character U+000A"));
    }

    @Test
    void urlsMustParseWithAHost() {
        refused("alerting:\n  receivers: [{name: h, type: webhook, url: 'http://[::1'}]\n",
                "'http://[::1' is not an http(s) URL");
    }
}
