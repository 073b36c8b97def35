package io.accelmon.npu.model;

/** A chip as the scrape sees it: the latest table (or DCMI) reading plus the slow reports' details. */
public record ChipState(ChipReading reading, ChipDetails details) {

    public ChipKey key() {
        return reading.key();
    }

    /** Huawei's {@code model_name}: {@code <Chip Name>-<Chip Type>-<Chip Version>} when the board report is known. */
    public String modelName() {
        String name = details.text("board-chip", "Chip Name");
        if (name == null || name.isBlank()) {
            return reading.name() == null ? "" : reading.name();
        }
        StringBuilder sb = new StringBuilder(name.strip());
        for (String part : new String[] {details.text("board-chip", "Chip Type"),
                details.text("board-chip", "Chip Version")}) {
            if (part != null && !part.isBlank() && !part.equalsIgnoreCase("NA")) {
                sb.append('-').append(part.strip());
            }
        }
        return sb.toString();
    }

    /** The chip's VDie id with dashes ({@code 42C711D4-20B03704-...}), as Huawei's {@code vdie_id}; "" if unknown. */
    public String vdieId() {
        String v = details.text("board-chip", "VDie ID");
        return v == null || v.equalsIgnoreCase("NA") ? "" : v.strip().replaceAll("\\s+", "-");
    }

    public String pcieBusInfo() {
        if (reading.busId() != null && !reading.busId().isEmpty()) {
            return reading.busId();
        }
        String v = details.text("board-chip", "PCIe Bus Info");
        return v == null || v.equalsIgnoreCase("NA") ? "" : v;
    }
}
