package io.accelmon.npu.net;

/** A chip network reading from hccn_tool, in base units (watts, volts, amperes, degrees Celsius, counts). */
public enum NetReading {
    /** 1 when {@code -link} says UP, 0 otherwise. */
    LINK_UP,
    /** {@code -link_stat}: how many times the link came up since the driver started. */
    LINK_UP_COUNT,
    /** {@code -net_health}: 1 for Success or Init (not probed yet), 0 for a detected fault. */
    NET_HEALTHY,
    /** {@code -optical}: 1 present, 0 not present. */
    OPTICAL_PRESENT, OPTICAL_TEMPERATURE_CELSIUS, OPTICAL_VCC_VOLTS, OPTICAL_TX_POWER_WATTS,
    OPTICAL_RX_POWER_WATTS, OPTICAL_TX_BIAS_AMPERES
}
