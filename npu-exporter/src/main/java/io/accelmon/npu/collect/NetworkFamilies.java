package io.accelmon.npu.collect;

import io.accelmon.npu.model.ChipKey;
import io.accelmon.npu.net.NetReading;
import io.accelmon.npu.net.NetworkMonitor.ChipNetwork;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The hccn_tool network families of both namings, as tables: readings (base units) and {@code -stat} counters (by
 * hccn_tool's name) to families. Default naming: {@code npu_network_*}/{@code npu_optical_*} in base units, counters
 * as {@code _total} with a {@code direction} label; Huawei naming: Huawei's {@code npu_chip_*} gauges in its units.
 */
final class NetworkFamilies {

    private record Gauge(NetReading reading, String name, String help, double factor) {
    }

    private record Counter(String hccnName, String name, String help, String direction) {
    }

    static final List<Gauge> DEFAULT_GAUGES = List.of(
            new Gauge(NetReading.LINK_UP, "npu_network_link_up", "1 when the chip's network port link is up.", 1),
            new Gauge(NetReading.NET_HEALTHY, "npu_network_healthy",
                    "1 when the chip's network health check passes, 0 when it reports a fault.", 1),
            new Gauge(NetReading.OPTICAL_PRESENT, "npu_optical_present", "1 when an optical module is present.", 1),
            new Gauge(NetReading.OPTICAL_TEMPERATURE_CELSIUS, "npu_optical_temperature_celsius",
                    "Optical module temperature, degrees Celsius.", 1),
            new Gauge(NetReading.OPTICAL_VCC_VOLTS, "npu_optical_vcc_volts", "Optical module supply voltage, volts.", 1),
            new Gauge(NetReading.OPTICAL_TX_POWER_WATTS, "npu_optical_tx_power_watts",
                    "Optical module transmit power (lane 0), watts.", 1),
            new Gauge(NetReading.OPTICAL_RX_POWER_WATTS, "npu_optical_rx_power_watts",
                    "Optical module receive power (lane 0), watts.", 1),
            new Gauge(NetReading.OPTICAL_TX_BIAS_AMPERES, "npu_optical_tx_bias_amperes",
                    "Optical module laser bias current, amperes.", 1));

    static final List<Gauge> HUAWEI_GAUGES = List.of(
            new Gauge(NetReading.LINK_UP, "npu_chip_info_link_status", "the npu link status", 1),
            new Gauge(NetReading.NET_HEALTHY, "npu_chip_info_network_status", "the npu network health status", 1),
            new Gauge(NetReading.LINK_UP_COUNT, "npu_chip_link_up_num", "the npu interface receive link-up num", 1),
            new Gauge(NetReading.OPTICAL_PRESENT, "npu_chip_optical_state", "the npu interface receive optical-state", 1),
            new Gauge(NetReading.OPTICAL_TEMPERATURE_CELSIUS, "npu_chip_optical_temp",
                    "the npu interface receive optical-temperature", 1),
            new Gauge(NetReading.OPTICAL_VCC_VOLTS, "npu_chip_optical_vcc", "the npu interface receive optical-vcc", 1000),
            new Gauge(NetReading.OPTICAL_TX_POWER_WATTS, "npu_chip_optical_tx_power_0",
                    "npu interface receive optical-tx-power-0", 1000),
            new Gauge(NetReading.OPTICAL_RX_POWER_WATTS, "npu_chip_optical_rx_power_0",
                    "npu interface receive optical-rx-power-0", 1000));

    static final List<Counter> COUNTERS = List.of(
            new Counter("mac_tx_mac_pause_num", "npu_network_mac_pause_frames", "MAC pause frames.", "tx"),
            new Counter("mac_rx_mac_pause_num", "npu_network_mac_pause_frames", "MAC pause frames.", "rx"),
            new Counter("mac_tx_pfc_pkt_num", "npu_network_pfc_packets", "PFC frames.", "tx"),
            new Counter("mac_rx_pfc_pkt_num", "npu_network_pfc_packets", "PFC frames.", "rx"),
            new Counter("mac_tx_bad_pkt_num", "npu_network_mac_bad_packets", "Bad MAC packets.", "tx"),
            new Counter("mac_rx_bad_pkt_num", "npu_network_mac_bad_packets", "Bad MAC packets.", "rx"),
            new Counter("mac_tx_bad_oct_num", "npu_network_mac_bad_bytes", "Bytes of bad MAC packets.", "tx"),
            new Counter("mac_rx_bad_oct_num", "npu_network_mac_bad_bytes", "Bytes of bad MAC packets.", "rx"),
            new Counter("mac_rx_fcs_err_pkt_num", "npu_network_fcs_errors", "Received packets with FCS errors.", "rx"),
            new Counter("roce_tx_all_pkt_num", "npu_network_roce_packets", "RoCE packets.", "tx"),
            new Counter("roce_rx_all_pkt_num", "npu_network_roce_packets", "RoCE packets.", "rx"),
            new Counter("roce_tx_err_pkt_num", "npu_network_roce_error_packets", "RoCE error packets.", "tx"),
            new Counter("roce_rx_err_pkt_num", "npu_network_roce_error_packets", "RoCE error packets.", "rx"),
            new Counter("roce_tx_cnp_pkt_num", "npu_network_roce_cnp_packets", "RoCE congestion notification packets.", "tx"),
            new Counter("roce_rx_cnp_pkt_num", "npu_network_roce_cnp_packets", "RoCE congestion notification packets.", "rx"),
            new Counter("roce_qp_status_err_num", "npu_network_roce_qp_status_errors", "RoCE queue pair status errors.", ""),
            new Counter("roce_out_of_order_num", "npu_network_roce_out_of_order_packets", "RoCE out-of-order packets.", ""),
            new Counter("roce_unexpected_ack_num", "npu_network_roce_unexpected_acks", "RoCE unexpected ACKs.", ""),
            new Counter("roce_verification_err_num", "npu_network_roce_verification_errors", "RoCE verification errors.", ""),
            new Counter("roce_new_pkt_rty_num", "npu_network_roce_retried_packets", "RoCE packets retransmitted.", ""),
            new Counter("nic_tx_all_pkg_num", "npu_network_packets", "Packets through the chip's NIC.", "tx"),
            new Counter("nic_rx_all_pkg_num", "npu_network_packets", "Packets through the chip's NIC.", "rx"),
            new Counter("nic_tx_all_oct_num", "npu_network_bytes", "Bytes through the chip's NIC.", "tx"),
            new Counter("nic_rx_all_oct_num", "npu_network_bytes", "Bytes through the chip's NIC.", "rx"));

    /** Huawei's name of a {@code -stat} counter (FCS errors have their own). */
    private static String huaweiName(String hccnName) {
        return switch (hccnName) {
            case "mac_rx_fcs_err_pkt_num" -> "npu_chip_info_rx_fcs_num";
            case "mac_tx_mac_pause_num" -> "npu_chip_mac_tx_pause_num";
            case "mac_rx_mac_pause_num" -> "npu_chip_mac_rx_pause_num";
            default -> hccnName.startsWith("nic_") ? null : "npu_chip_" + hccnName;
        };
    }

    private NetworkFamilies() {
    }

    static void renderDefault(Map<ChipKey, ChipNetwork> net, Families f) {
        net.forEach((key, n) -> {
            Labels id = Labels.of("id", Integer.toString(key.npuId()), "chip", Integer.toString(key.chip()));
            gauges(DEFAULT_GAUGES, n, id, f);
            Double ups = n.readings().get(NetReading.LINK_UP_COUNT);
            if (ups != null) {
                f.counter("npu_network_link_ups", "Times the chip's network link came up since the driver started.",
                        id, ups);
            }
            for (Counter c : COUNTERS) {
                Double v = n.counters().get(normalise(c.hccnName));
                if (v != null) {
                    f.counter(c.name, c.help, c.direction.isEmpty() ? id : id.add("direction", c.direction), v);
                }
            }
        });
    }

    static void renderHuawei(Map<ChipKey, ChipNetwork> net, Function<ChipKey, Labels> cardLabels, Families f) {
        net.forEach((key, n) -> {
            Labels l = cardLabels.apply(key);
            if (l == null) {
                return;
            }
            gauges(HUAWEI_GAUGES, n, l, f);
            for (Counter c : COUNTERS) {
                Double v = n.counters().get(normalise(c.hccnName));
                String name = huaweiName(c.hccnName);
                if (v != null && name != null) {
                    f.gauge(name, "npu interface receive " + c.hccnName.replace('_', '-'), l, v);
                }
            }
        });
    }

    /** The exporter's own view of hccn_tool: which chips failed and why, and failures by reason since start. */
    static void renderSelf(Map<ChipKey, ChipNetwork> net, Map<String, Long> failures, Families f) {
        net.forEach((key, n) -> f.gauge("npu_exporter_network_up",
                "1 when the last hccn_tool query of the chip succeeded; 0 with the reason (missing, timeout, exit, "
                        + "garbage) when it failed.",
                Labels.of("id", Integer.toString(key.npuId()), "chip", Integer.toString(key.chip()), "reason",
                        n.failure()), n.failure().isEmpty() ? 1 : 0));
        for (String reason : List.of("missing", "timeout", "exit", "garbage")) {
            f.counter("npu_exporter_network_failures", "hccn_tool queries that failed, by reason.",
                    Labels.of("reason", reason), failures.getOrDefault(reason, 0L));
        }
    }

    private static void gauges(List<Gauge> table, ChipNetwork n, Labels l, Families f) {
        for (Gauge g : table) {
            Double v = n.readings().get(g.reading);
            if (v != null) {
                f.gauge(g.name, g.help, l, g.factor == 1 ? v : Math.round(v * g.factor * 1e9) / 1e9);
            }
        }
    }

    private static String normalise(String key) {
        return key.replace("_", "");
    }
}
