package io.accelmon.npu.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per hccn_tool capture (src/test/fake/hccn/captures, provenance in its SOURCES.md). */
class HccnReportTest {

    static HccnReport capture(String name) throws IOException {
        return HccnReport.parse(Files.readString(Path.of("src/test/fake/hccn/captures", name)));
    }

    private static Map<NetReading, Double> read(String command, String capture) throws IOException {
        Map<NetReading, Double> readings = new EnumMap<>(NetReading.class);
        NetworkMonitor.read(command, capture(capture), readings, new LinkedHashMap<>());
        return readings;
    }

    @Test
    void link_status_up() throws IOException {
        assertThat(read("link", "hccn_tool-i0-link-g_doc.txt")).containsEntry(NetReading.LINK_UP, 1.0);
        Map<NetReading, Double> down = new EnumMap<>(NetReading.class);
        NetworkMonitor.read("link", HccnReport.parse("link status: DOWN\n"), down, new LinkedHashMap<>());
        assertThat(down).containsEntry(NetReading.LINK_UP, 0.0);
    }

    @Test
    void net_health_init_counts_healthy() throws IOException {
        assertThat(read("net_health", "hccn_tool-i0-net_health-g_doc.txt")).containsEntry(NetReading.NET_HEALTHY, 1.0);
    }

    @Test
    void link_stat_with_device_prefix_and_colons_in_the_records() throws IOException {
        HccnReport r = capture("hccn_tool-i0-link_stat-g_doc.txt");
        assertThat(r.number("link up count")).isEqualTo(2.0);
        assertThat(read("link_stat", "hccn_tool-i0-link_stat-g_doc.txt")).containsEntry(NetReading.LINK_UP_COUNT, 2.0);
    }

    @Test
    void optical_padded_keys_units_and_elided_lines() throws IOException {
        Map<NetReading, Double> r = read("optical", "hccn_tool-i0-optical-g_doc-elided.txt");
        assertThat(r).containsEntry(NetReading.OPTICAL_PRESENT, 0.0)
                .containsEntry(NetReading.OPTICAL_TX_POWER_WATTS, 0.0044035)
                .containsEntry(NetReading.OPTICAL_RX_POWER_WATTS, 0.0010189)
                .containsEntry(NetReading.OPTICAL_TX_BIAS_AMPERES, 0.007936)
                .as("thresholds are not readings").doesNotContainKey(NetReading.OPTICAL_VCC_VOLTS);
    }

    @Test
    void stat_counters_without_spaces() throws IOException {
        Map<String, Double> counters = new LinkedHashMap<>();
        NetworkMonitor.read("stat", capture("hccn_tool-i0-stat-g_doc-elided.txt"), new EnumMap<>(NetReading.class),
                counters);
        assertThat(counters).containsEntry("nictxallpkgnum", 122404.0).containsEntry("nicrxalloctnum", 482237805.0)
                .containsEntry("roceqpstatuserrnum", 0.0).containsEntry("mactxpfcpktnum", 0.0)
                .doesNotContainKey("packetstatistics");
    }

    @Test
    void garbage_is_empty() {
        assertThat(HccnReport.parse("\u0001\u0002 Segmentation fault\n12345\n").isEmpty()).isTrue();
        assertThat(HccnReport.parse(null).isEmpty()).isTrue();
    }
}
