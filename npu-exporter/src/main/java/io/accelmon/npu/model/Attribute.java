package io.accelmon.npu.model;

/** A chip's identity text (never a measurement): what the info families carry as labels. */
public enum Attribute {
    /** The table's Name column ({@code 910B3}). */
    NAME, CHIP_NAME, CHIP_TYPE, CHIP_VERSION, VDIE_ID, PCIE_BUS_INFO, FIRMWARE_VERSION, SERIAL_NUMBER, PRODUCT_TYPE
}
